import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../errors/error-body.dto';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditQuery } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiErrors()
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The hub's audit trail, newest first. Reading it is itself audited. */
  @Get()
  @Roles('hub_manager', 'admin')
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() query: AuditQuery, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest) {
    return this.audit.review(principal, query, request.id);
  }
}
