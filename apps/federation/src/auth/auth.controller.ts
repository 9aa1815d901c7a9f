import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import type { AuthConfig } from '@linkway/config';
import { UnauthenticatedError } from '../errors/errors';
import { AccountsService } from './accounts.service';
import { JWT_ALGORITHM, Public } from './auth.guard';
import { ICS_HUB_CLAIM } from './roles';

export class LoginDto {
  @ApiProperty({ example: 'ics_analyst@ics.linkway.test' })
  @IsEmail()
  email!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password!: string;
}

export class TokenDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty() expiresIn!: number;
  @ApiProperty({ enum: ['ics_analyst', 'admin'] }) role!: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly jwt: JwtService,
    private readonly config: ConfigService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenDto })
  async login(@Body() body: LoginDto): Promise<TokenDto> {
    const account = await this.accounts.verify(body.email, body.password);
    if (!account) throw new UnauthenticatedError('Wrong email or password');
    const auth = this.config.getOrThrow<AuthConfig>('auth');
    const accessToken = await this.jwt.signAsync(
      { sub: account.id, hub: ICS_HUB_CLAIM, role: account.role },
      {
        secret: auth.JWT_SECRET,
        issuer: auth.JWT_ISSUER,
        expiresIn: auth.JWT_TTL_SECONDS,
        algorithm: JWT_ALGORITHM,
      },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: auth.JWT_TTL_SECONDS, role: account.role };
  }
}
