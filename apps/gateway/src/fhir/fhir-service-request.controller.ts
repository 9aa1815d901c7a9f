import { Body, Controller, Get, Headers, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Audited } from '../audit/audited';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { uuidParam } from '../referrals/referrals.controller';
import { checkIdempotencyKey, ReferralsService } from '../referrals/referrals.service';
import { FHIR_JSON, OperationOutcomeFilter } from './operation-outcome.filter';
import { toDraft, toServiceRequest } from './service-request.mapping';

/**
 * FHIR R4 referral intake (base URL `/fhir`): a UK Core-style ServiceRequest with a
 * contained Patient, or a Bundle with the ServiceRequest and the Patient it references. Same
 * rules, idempotency and duplicate linking as the JSON channel; errors are OperationOutcomes.
 */
@ApiTags('fhir')
@ApiBearerAuth()
@Controller('fhir/ServiceRequest')
@UseFilters(OperationOutcomeFilter)
@Roles('referrer', 'link_worker', 'hub_manager')
export class FhirServiceRequestController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @ApiConsumes('application/fhir+json', 'application/json')
  @ApiProduces('application/fhir+json')
  @ApiBody({
    schema: {
      type: 'object',
      description: 'ServiceRequest (contained Patient) or Bundle; example in docs/intake.md',
    },
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async create(
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const scoped = checkIdempotencyKey(key);
    const answer = await this.referrals.create(
      { accountId: principal.accountId, role: principal.role, hubId: principal.hubId },
      'fhir',
      toDraft(body),
      scoped && `fhir:${principal.accountId}:${scoped}`,
      request.id,
    );
    reply
      .status(answer.statusCode)
      .type(FHIR_JSON)
      .header('location', `ServiceRequest/${answer.referral.id}`);
    if (answer.replayed) reply.header('idempotent-replayed', 'true');
    return toServiceRequest(answer.referral);
  }

  @Get(':id')
  @Roles('referrer', 'link_worker', 'hub_manager', 'admin')
  @ApiProduces('application/fhir+json')
  @Audited({ action: 'referral.read', entity: 'referral', idParam: 'id', purpose: 'direct_care' })
  async get(
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.referrals.get(
      { accountId: principal.accountId, role: principal.role, hubId: principal.hubId },
      id,
    );
    reply.type(FHIR_JSON);
    return toServiceRequest(view);
  }
}
