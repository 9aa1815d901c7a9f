import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ValidationFailedError } from '@linkway/util';
import { Audited } from '../audit/audited';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../errors/error-body.dto';
import { AccountsService } from './accounts.service';
import {
  AccountDto,
  AccountPageDto,
  AccountsQuery,
  CreateAccountRequest,
  UpdateAccountRequest,
} from './dto/account.dto';

const uuidParam = new ParseUUIDPipe({
  exceptionFactory: () =>
    new ValidationFailedError('Invalid id', [{ field: 'id', reason: 'must be a UUID' }]),
});

/** Accounts of this hub. Every query is scoped to the caller's hub, taken from the token. */
@ApiTags('accounts')
@ApiErrors()
@ApiBearerAuth()
@Controller('accounts')
@Roles('admin', 'hub_manager')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @ApiCreatedResponse({ type: AccountDto })
  create(
    @Body() body: CreateAccountRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    return this.accounts.create(
      { accountId: principal.accountId, role: principal.role, hubId: principal.hubId },
      { ...body, hubId: principal.hubId },
      request.id,
    );
  }

  @Get()
  @ApiOkResponse({ type: AccountPageDto })
  list(@Query() query: AccountsQuery, @CurrentPrincipal() principal: Principal) {
    return this.accounts.list(principal.hubId, query);
  }

  /** One person's account: a person-level read, so it is audited. */
  @Get(':id')
  @Audited({ action: 'account.read', entity: 'account', idParam: 'id', purpose: 'account_administration' })
  @ApiOkResponse({ type: AccountDto })
  get(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    return this.accounts.get(principal.hubId, id);
  }

  /** Disable or re-enable, change role, name or password. The change and its audit row commit together. */
  @Patch(':id')
  @ApiOkResponse({ type: AccountDto })
  update(
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateAccountRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    return this.accounts.update(
      { accountId: principal.accountId, role: principal.role, hubId: principal.hubId },
      id,
      body,
      request.id,
    );
  }
}
