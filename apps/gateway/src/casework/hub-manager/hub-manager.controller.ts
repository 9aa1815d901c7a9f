import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags, OmitType } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  CASE_QUEUES,
  CASEWORK_ALLOCATION_QUEUE_V1,
  CASEWORK_PARTNER_RESPONSIVENESS_V1,
  DIRECTORY_SERVICES_GET_V1,
  type DirectoryServiceViewV1,
  GetPartnerResponsivenessV1,
  INTAKE_PERSON_SUMMARIES_V1,
  ListAllocationQueueV1,
  type PersonSummaryV1,
} from '@linkway/contracts';
import { RequestClient } from '@linkway/messaging';
import { CurrentPrincipal, Roles } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { ApiErrors } from '../../errors/error-body.dto';
import { CaseworkGatewayService } from '../casework-gateway.service';

export class AllocationQueueQuery extends OmitType(ListAllocationQueueV1, ['actor'] as const) {
  @ApiPropertyOptional({ enum: CASE_QUEUES }) declare queue?: ListAllocationQueueV1['queue'];
}

export class ResponsivenessQuery extends OmitType(GetPartnerResponsivenessV1, ['actor'] as const) {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 730,
    default: 90,
    description: 'Referrals sent in the last N days',
  })
  declare days?: number;
}

/** Batches of intake's person summaries and the directory's services stay within their 200-id limits. */
const BATCH = 200;

/**
 * Hub manager views that join casework with another service in one batch each: the allocation
 * queue (cases with the person named by intake) and partner responsiveness (casework's answer
 * figures with the directory's current capacity).
 */
@ApiTags('casework')
@ApiErrors()
@ApiBearerAuth()
@Controller('casework')
export class HubManagerController {
  constructor(
    private readonly casework: CaseworkGatewayService,
    private readonly requests: RequestClient,
  ) {}

  /** Open cases waiting for a practitioner, oldest first, each person named. Audited as one read of the list. */
  @Get('allocation-queue')
  @Roles('hub_manager')
  async queue(
    @Query() query: AllocationQueueQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    const { cases } = await this.casework.call(CASEWORK_ALLOCATION_QUEUE_V1, principal, query);
    const people = new Map<string, PersonSummaryV1>();
    const ids = [...new Set(cases.map((c) => c.personId))];
    for (let i = 0; i < ids.length; i += BATCH) {
      const { items } = await this.requests.request(INTAKE_PERSON_SUMMARIES_V1, {
        personIds: ids.slice(i, i + BATCH),
      });
      for (const item of items) people.set(item.personId, item);
    }
    await this.casework.record(principal, 'allocation_queue.read', 'case', null, request.id);
    return {
      cases: cases.map((c) => {
        const person = people.get(c.personId) ?? null;
        // either source may know of the concern: the case copied the referral's flag, intake knows every referral
        return { ...c, safeguarding: c.safeguarding || person?.safeguarding === true, person };
      }),
    };
  }

  /** How partner services answered onward referrals in the window, with their capacity now. No person data. */
  @Get('partner-responsiveness')
  @Roles('hub_manager')
  async responsiveness(@Query() query: ResponsivenessQuery, @CurrentPrincipal() principal: Principal) {
    const report = await this.casework.call(CASEWORK_PARTNER_RESPONSIVENESS_V1, principal, query);
    const services = new Map<string, DirectoryServiceViewV1>();
    const ids = [...new Set(report.services.map((s) => s.directoryServiceId))];
    for (let i = 0; i < ids.length; i += BATCH) {
      const { items } = await this.requests.request(DIRECTORY_SERVICES_GET_V1, {
        serviceIds: ids.slice(i, i + BATCH),
      });
      for (const item of items) services.set(item.id, item);
    }
    return {
      ...report,
      services: report.services.map((s) => {
        const service = services.get(s.directoryServiceId);
        return {
          ...s,
          // the directory's name is current; casework's is the one the referral was sent to
          organisationName: service?.organizationName ?? null,
          serviceName: service?.name ?? s.serviceName,
          // null: the service has left the directory since
          capacity: service
            ? {
                status: service.status,
                accepting: service.capacity.accepting,
                placesLeft: service.capacity.placesLeft,
                maxNewPerWeek: service.capacity.maxNewPerWeek ?? null,
                waitingTimeDays: service.capacity.waitingTimeDays ?? null,
                available: service.capacity.available,
              }
            : null,
        };
      }),
    };
  }
}
