import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  DIRECTORY_GAP_REPORT_V1,
  DIRECTORY_ORGANIZATION_SAVE_V1,
  DIRECTORY_SEARCH_V1,
  DIRECTORY_SERVICE_DELETE_V1,
  DIRECTORY_SERVICE_GET_V1,
  DIRECTORY_SERVICE_SAVE_V1,
} from '@linkway/contracts';
import { RequestClient } from '@linkway/messaging';
import { Audited } from '../audit/audited';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../errors/error-body.dto';
import { ForwardsJson } from '../http/forwards-json';
import { DirectorySearchQuery, GapReportQuery, OrganizationBody, ServiceBody } from './dto';

const READERS = ['link_worker', 'hub_manager', 'admin'] as const;
const WRITERS = ['hub_manager', 'admin'] as const;

/**
 * The hub's partner directory for its staff: link workers search and read (with named
 * referral contacts and capacity), hub managers and admins change it. Every change, and every
 * read of a service's named contacts, writes an audit row.
 */
@ApiTags('directory')
@ApiErrors()
@ApiBearerAuth()
@Controller('directory')
@Roles(...READERS)
export class DirectoryController {
  constructor(
    private readonly requests: RequestClient,
    private readonly audit: AuditService,
  ) {}

  @Get('search')
  @ApiOperation({
    summary: 'Ranked services for a need, an age and a postcode (searches by need feed the gap report)',
  })
  @ForwardsJson()
  search(@Query() query: DirectorySearchQuery) {
    const { taxonomyTermId, ...rest } = query;
    return this.requests.requestJson(DIRECTORY_SEARCH_V1, { ...rest, taxonomyTermIds: taxonomyTermId });
  }

  @Get('gaps')
  @ApiOperation({
    summary: 'Needs searched for in the last N days that no service can take a referral for now',
  })
  @ForwardsJson()
  gaps(@Query() query: GapReportQuery) {
    return this.requests.requestJson(DIRECTORY_GAP_REPORT_V1, { days: query.days });
  }

  /** Holds named contacts (people): audited. */
  @Get('services/:id')
  @Audited({
    action: 'directory.service.read',
    entity: 'directory_service',
    idParam: 'id',
    purpose: 'direct_care',
  })
  @ForwardsJson()
  get(@Param('id') id: string) {
    return this.requests.requestJson(DIRECTORY_SERVICE_GET_V1, { serviceId: id });
  }

  @Post('services')
  @Roles(...WRITERS)
  @ApiBody({ type: ServiceBody })
  async create(
    @Body() body: ServiceBody,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    const saved = await this.requests.request(DIRECTORY_SERVICE_SAVE_V1, { service: body });
    await this.record(principal, request, 'directory.service.create', 'directory_service', saved.service.id);
    return saved.service;
  }

  @Patch('services/:id')
  @Roles(...WRITERS)
  @ApiOperation({
    summary:
      'Change a service: given fields replace stored ones (incl. capacity, referral route, verification date)',
  })
  async update(
    @Param('id') id: string,
    @Body() body: ServiceBody,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    await this.requests.request(DIRECTORY_SERVICE_GET_V1, { serviceId: id }); // 404 before any change
    const saved = await this.requests.request(DIRECTORY_SERVICE_SAVE_V1, { serviceId: id, service: body });
    await this.record(principal, request, 'directory.service.update', 'directory_service', id);
    return saved.service;
  }

  @Delete('services/:id')
  @Roles(...WRITERS)
  @HttpCode(204)
  async remove(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    await this.requests.request(DIRECTORY_SERVICE_DELETE_V1, { serviceId: id });
    await this.record(principal, request, 'directory.service.delete', 'directory_service', id);
  }

  @Post('organizations')
  @Roles(...WRITERS)
  async createOrganization(
    @Body() body: OrganizationBody,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    const saved = await this.requests.request(DIRECTORY_ORGANIZATION_SAVE_V1, { ...body, id: undefined });
    await this.record(
      principal,
      request,
      'directory.organization.create',
      'directory_organization',
      saved.id,
    );
    return saved;
  }

  @Put('organizations/:id')
  @Roles(...WRITERS)
  async saveOrganization(
    @Param('id') id: string,
    @Body() body: OrganizationBody,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    const saved = await this.requests.request(DIRECTORY_ORGANIZATION_SAVE_V1, { ...body, id });
    await this.record(principal, request, 'directory.organization.save', 'directory_organization', id);
    return saved;
  }

  private record(
    principal: Principal,
    request: FastifyRequest,
    action: string,
    entity: string,
    entityId: string,
  ) {
    return this.audit.record({
      actor: principal.accountId,
      role: principal.role,
      hub: principal.hubId,
      action,
      entity,
      entityId,
      purpose: 'directory_management',
      requestId: request.id,
    });
  }
}
