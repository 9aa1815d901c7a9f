import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CASEWORK_CASE_LIST_V1, INTAKE_PERSON_SUMMARIES_V1, type PersonSummaryV1 } from '@linkway/contracts';
import { RequestClient } from '@linkway/messaging';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { CaseworkGatewayService } from '../casework/casework-gateway.service';
import { CasesQuery } from '../casework/dto';
import { ApiErrors } from '../errors/error-body.dto';
import { CaseloadAnswer } from './caseload.dto';

/**
 * A link worker's caseload (a hub manager's: the hub's cases) with each person named: one
 * request to casework for the cases, one to intake for every person's summary (display name,
 * age, postcode district), so a list of 40 cases costs two requests, not 41. Audited as one
 * read of the list.
 */
@ApiTags('casework')
@ApiErrors()
@ApiBearerAuth()
@Controller('caseload')
export class CaseloadController {
  constructor(
    private readonly casework: CaseworkGatewayService,
    private readonly requests: RequestClient,
  ) {}

  @Get()
  @Roles('link_worker', 'hub_manager', 'admin')
  @ApiOkResponse({ type: CaseloadAnswer })
  async list(
    @Query() query: CasesQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<CaseloadAnswer> {
    const { noContact, ...filters } = query;
    const { cases } = await this.casework.call(CASEWORK_CASE_LIST_V1, principal, {
      ...filters,
      noContactOnly: noContact === 'true',
    });
    const people = new Map<string, PersonSummaryV1>();
    const ids = [...new Set(cases.map((c) => c.personId))];
    for (let i = 0; i < ids.length; i += 200) {
      const { items } = await this.requests.request(INTAKE_PERSON_SUMMARIES_V1, {
        personIds: ids.slice(i, i + 200),
      });
      for (const item of items) people.set(item.personId, item);
    }
    await this.casework.record(principal, 'caseload.read', 'case', null, request.id);
    return { cases: cases.map((c) => ({ ...c, person: people.get(c.personId) ?? null })) };
  }
}
