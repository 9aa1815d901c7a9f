import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CASEWORK_CASE_ACCESS_V1,
  type CaseAccessV1,
  type CheckCaseAccessV1,
  INTAKE_REFERRAL_GET_V1,
  OUTCOMES_DASHBOARD_V1,
  OUTCOMES_GP_MESSAGE_GET_V1,
  OUTCOMES_PERSON_HISTORY_V1,
  OUTCOMES_RECORD_V1,
} from '@linkway/contracts';
import { RequestClient } from '@linkway/messaging';
import { Audited } from '../audit/audited';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../errors/error-body.dto';
import { uuidParam } from '../referrals/referrals.controller';
import { DashboardQuery, RecordOutcomesBody } from './dto';
import { gpMessageGatekeeper, historyCaseIds } from './outcomes-access';

const actorOf = (p: Principal) => ({ accountId: p.accountId, role: p.role });

/**
 * Outcome measures, a person's outcome history, the hub dashboard and the message back to the
 * GP and referrer. Person-level reads and writes are audited; the dashboard is aggregate only.
 * This gateway serves one hub (its token's hub) and the outcomes service holds only that hub's
 * data, so every answer is hub-scoped. Within the hub, who may work on which case is casework's
 * rule: every person-level route asks casework.case.access.v1 once before outcomes, so a link
 * worker gets 404 (and no audit row) for a case, person or referral that is not theirs.
 */
@ApiTags('outcomes')
@ApiErrors()
@ApiBearerAuth()
@Controller('outcomes')
export class OutcomesController {
  constructor(private readonly requests: RequestClient) {}

  private access(principal: Principal, about: Omit<CheckCaseAccessV1, 'actor'>): Promise<CaseAccessV1> {
    return this.requests.request(CASEWORK_CASE_ACCESS_V1, { ...about, actor: actorOf(principal) });
  }

  @Post('cases/:caseId/recordings')
  @Roles('link_worker', 'hub_manager')
  @ApiOperation({
    summary: 'Record measures for a case at a timepoint (400 names each bad item and its range)',
  })
  @Audited({ action: 'outcome.record', entity: 'case', idParam: 'caseId', purpose: 'direct_care' })
  async record(
    @Param('caseId', uuidParam) caseId: string,
    @Body() body: RecordOutcomesBody,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.access(principal, { caseId });
    return this.requests.request(OUTCOMES_RECORD_V1, { ...body, caseId, actor: actorOf(principal) });
  }

  @Get('people/:personId')
  @Roles('link_worker', 'hub_manager')
  @ApiOperation({ summary: "A person's outcome history, per case, with change from baseline" })
  @Audited({ action: 'outcome.person.read', entity: 'person', idParam: 'personId', purpose: 'direct_care' })
  async person(@Param('personId', uuidParam) personId: string, @CurrentPrincipal() principal: Principal) {
    const caseIds = historyCaseIds(await this.access(principal, { personId }));
    return this.requests.request(OUTCOMES_PERSON_HISTORY_V1, { personId, caseIds, actor: actorOf(principal) });
  }

  @Get('dashboard')
  @Roles('hub_manager', 'admin')
  @ApiOperation({
    summary:
      'Hub dashboard: paired outcomes with mean change and 95% CI, health use, completion, pathway and partner metrics',
  })
  dashboard(@Query() query: DashboardQuery) {
    return this.requests.request(OUTCOMES_DASHBOARD_V1, query);
  }

  /**
   * The PRSB message back to the GP and referrer (FHIR document Bundle). A referrer sees only
   * their own referrals (intake's rule), a link worker only the referral of their own case
   * (casework's): each answers 404 for anyone else's.
   */
  @Get('gp-messages/:referralId')
  @Roles('referrer', 'link_worker', 'hub_manager')
  @ApiOperation({ summary: 'The message back to the GP and referrer for a referral whose case has closed' })
  @Audited({
    action: 'outcome.gp_message.read',
    entity: 'referral',
    idParam: 'referralId',
    purpose: 'direct_care',
  })
  async gpMessage(
    @Param('referralId', uuidParam) referralId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    if (gpMessageGatekeeper(principal.role) === 'intake')
      await this.requests.request(INTAKE_REFERRAL_GET_V1, { id: referralId, actor: actorOf(principal) });
    else await this.access(principal, { referralId });
    return this.requests.request(OUTCOMES_GP_MESSAGE_GET_V1, { referralId, actor: actorOf(principal) });
  }
}
