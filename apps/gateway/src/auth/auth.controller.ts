import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AccountDto } from '../accounts/dto/account.dto';
import { ApiErrors } from '../errors/error-body.dto';
import { StrictThrottle } from '../http/throttling';
import { AuthService } from './auth.service';
import { CurrentPrincipal, Public } from './decorators';
import { LoginRequest, LoginResponse } from './dto/login.dto';
import type { Principal } from './principal';

@ApiTags('auth')
@ApiErrors()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Same 401 for an unknown email, a wrong password and a disabled account. */
  @Post('login')
  @Public()
  @StrictThrottle()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Invalid email or password' })
  login(@Body() body: LoginRequest, @Req() request: FastifyRequest) {
    return this.auth.login(body, request.id);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: AccountDto })
  me(@CurrentPrincipal() principal: Principal) {
    return this.auth.me(principal);
  }
}
