import { Controller, Get, Logger, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  CASEWORK_CASE_LIST_V1,
  type DueOutcomeV1,
  INTAKE_PERSON_SUMMARIES_V1,
  OUTCOMES_DUE_LIST_V1,
  type PersonSummaryV1,
} from '@linkway/contracts';
import { RequestClient } from '@linkway/messaging';
import { TimeoutError, UnavailableError } from '@linkway/util';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { CaseworkGatewayService } from '../casework/casework-gateway.service';
import { CasesQuery } from '../casework/dto';
import { ApiErrors } from '../errors/error-body.dto';
import { CaseloadAnswer } from './caseload.dto';

/**
 * A link worker's caseload (a hub manager's: the hub's cases) with each person named and each
 * open case's due outcome measure: one request to casework for the cases (which carry casework's
 * own flags), one to intake for every person's summary (display name, age, postcode district),
 * one to outcomes for what is due, so a list of 40 cases costs three requests, not 81. Audited
 * as one read of the list.
 */
@ApiTags('casework')
@ApiErrors()
@ApiBearerAuth()
@Controller('caseload')
export class CaseloadController {
  private readonly logger = new Logger(CaseloadController.name);

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
    const due = await this.dueOutcomes(
      cases.filter((c) => c.state !== 'closed').map((c) => c.id),
      request.id,
    );
    await this.casework.record(principal, 'caseload.read', 'case', null, request.id);
    return {
      outcomeDueKnown: due !== null,
      cases: cases.map((c) => ({
        ...c,
        person: people.get(c.personId) ?? null,
        outcomeDue: due?.get(c.id) ?? null,
      })),
    };
  }

  /**
   * Due outcome measures of the open cases in one request (casework lists at most 500, the
   * subject's limit). Outcomes being down or slow must not take the caseload with it: the
   * answer then says the flag is unknown (null) rather than failing the page.
   */
  private async dueOutcomes(caseIds: string[], requestId: string): Promise<Map<string, DueOutcomeV1> | null> {
    if (!caseIds.length) return new Map();
    try {
      const { items } = await this.requests.request(OUTCOMES_DUE_LIST_V1, { caseIds });
      return new Map(items.map((item) => [item.caseId, item]));
    } catch (error) {
      if (!(error instanceof UnavailableError || error instanceof TimeoutError)) throw error;
      this.logger.warn({ msg: 'outcome due flags unavailable', reason: error.code, requestId });
      return null;
    }
  }
}
