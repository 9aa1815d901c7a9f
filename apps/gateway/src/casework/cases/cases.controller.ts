import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import {
  CASEWORK_CASE_ALLOCATE_V1,
  CASEWORK_CASE_GET_V1,
  CASEWORK_CASE_LIST_V1,
  CASEWORK_CASE_TRANSITION_V1,
  CASEWORK_CONTACT_RECORD_V1,
  CASEWORK_ONWARD_REFERRAL_CREATE_V1,
  CASEWORK_ONWARD_REFERRAL_UPDATE_V1,
  CASEWORK_PATHWAY_HANDOFF_V1,
  CASEWORK_PATHWAY_STEP_V1,
  CASEWORK_PLAN_HISTORY_V1,
  CASEWORK_PLAN_SAVE_V1,
  CASEWORK_TASK_COMPLETE_V1,
  CASEWORK_WHAT_MATTERS_SAVE_V1,
} from '@linkway/contracts';
import { Audited } from '../../audit/audited';
import { CurrentPrincipal, Roles } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { ApiErrors } from '../../errors/error-body.dto';
import { uuidParam } from '../../referrals/referrals.controller';
import { checkIdempotencyKey } from '../../referrals/referrals.service';
import { CaseworkGatewayService } from '../casework-gateway.service';
import {
  AllocateRequest,
  CasesQuery,
  ContactRequest,
  HandoffRequest,
  OnwardReferralRequest,
  OnwardStatusRequest,
  PathwayStepRequest,
  PlanRequest,
  TransitionRequest,
  WhatMattersRequest,
} from '../dto';

const CASE = { entity: 'case', idParam: 'id', purpose: 'direct_care' } as const;

/**
 * Cases for link workers (their own only: anything else is 404) and hub managers (all of the
 * hub). Every read or change of a case is audited.
 */
@ApiTags('casework')
@ApiErrors()
@ApiBearerAuth()
@Controller('casework')
export class CasesController {
  constructor(private readonly casework: CaseworkGatewayService) {}

  @Get('cases')
  @Roles('link_worker', 'hub_manager', 'admin')
  async list(
    @Query() query: CasesQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    const { noContact, ...filters } = query;
    const answer = await this.casework.call(CASEWORK_CASE_LIST_V1, principal, {
      ...filters,
      noContactOnly: noContact === 'true',
    });
    await this.casework.record(principal, 'case.list', 'case', null, request.id);
    return answer;
  }

  @Get('cases/:id')
  @Roles('link_worker', 'hub_manager', 'admin')
  @Audited({ action: 'case.read', ...CASE })
  get(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    return this.casework.call(CASEWORK_CASE_GET_V1, principal, { caseId: id });
  }

  /** Move the case along its lifecycle; an invalid move is 409 naming the allowed ones. */
  @Post('cases/:id/transitions')
  @HttpCode(200)
  @Roles('link_worker', 'hub_manager')
  @Audited({ action: 'case.transition', ...CASE })
  transition(
    @Param('id', uuidParam) id: string,
    @Body() body: TransitionRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.casework.call(CASEWORK_CASE_TRANSITION_V1, principal, { caseId: id, ...body });
  }

  /** Manual allocation by a hub manager, with a reason. */
  @Post('cases/:id/allocation')
  @HttpCode(200)
  @Roles('hub_manager')
  @Audited({ action: 'case.allocate', ...CASE })
  allocate(
    @Param('id', uuidParam) id: string,
    @Body() body: AllocateRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.casework.call(CASEWORK_CASE_ALLOCATE_V1, principal, { caseId: id, ...body });
  }

  @Post('cases/:id/contacts')
  @Roles('link_worker', 'hub_manager')
  @Audited({ action: 'case.contact.record', ...CASE })
  contact(
    @Param('id', uuidParam) id: string,
    @Body() body: ContactRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.casework.call(CASEWORK_CONTACT_RECORD_V1, principal, { caseId: id, ...body });
  }

  /** Marks a task on the case done (e.g. "chase the partner" from a chaser's nudge). */
  @Post('cases/:id/tasks/:taskId/done')
  @HttpCode(200)
  @Roles('link_worker', 'hub_manager')
  @Audited({ action: 'case.task.complete', ...CASE })
  completeTask(
    @Param('id', uuidParam) id: string,
    @Param('taskId', uuidParam) taskId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.casework.call(CASEWORK_TASK_COMPLETE_V1, principal, { caseId: id, taskId });
  }

  @Put('cases/:id/what-matters')
  @Roles('link_worker', 'hub_manager')
  @Audited({ action: 'case.what_matters.save', ...CASE })
  whatMatters(
    @Param('id', uuidParam) id: string,
    @Body() body: WhatMattersRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.casework.call(CASEWORK_WHAT_MATTERS_SAVE_V1, principal, { caseId: id, ...body });
  }

  /** Saves the plan as a new version (every change kept, who and when). */
  @Put('cases/:id/plan')
  @Roles('link_worker', 'hub_manager')
  @Audited({ action: 'case.plan.save', ...CASE })
  plan(
    @Param('id', uuidParam) id: string,
    @Body() body: PlanRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.casework.call(CASEWORK_PLAN_SAVE_V1, principal, { caseId: id, ...body });
  }

  @Get('cases/:id/plan/versions')
  @Roles('link_worker', 'hub_manager', 'admin')
  @Audited({ action: 'case.plan.read', ...CASE })
  planVersions(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    return this.casework.call(CASEWORK_PLAN_HISTORY_V1, principal, { caseId: id });
  }

  /** Refer the person on to a directory service; a place is reserved there. */
  @Post('cases/:id/onward-referrals')
  @Roles('link_worker', 'hub_manager')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key returns the first onward referral and takes no second place',
  })
  @Audited({ action: 'case.onward_referral.create', ...CASE })
  referOn(
    @Param('id', uuidParam) id: string,
    @Body() body: OnwardReferralRequest,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    const scoped = checkIdempotencyKey(key) ?? randomUUID();
    return this.casework.call(CASEWORK_ONWARD_REFERRAL_CREATE_V1, principal, {
      caseId: id,
      ...body,
      idempotencyKey: `${principal.accountId}:${scoped}`,
    });
  }

  /** Hub staff may cancel an onward referral (partners answer through /partner). */
  @Patch('onward-referrals/:id')
  @Roles('link_worker', 'hub_manager')
  @Audited({
    action: 'onward_referral.update',
    entity: 'onward_referral',
    idParam: 'id',
    purpose: 'direct_care',
  })
  updateOnward(
    @Param('id', uuidParam) id: string,
    @Body() body: OnwardStatusRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.casework.call(CASEWORK_ONWARD_REFERRAL_UPDATE_V1, principal, {
      onwardReferralId: id,
      ...body,
    });
  }

  @Post('cases/:id/pathway/steps')
  @Roles('link_worker', 'hub_manager')
  @Audited({ action: 'case.pathway.step', ...CASE })
  pathwayStep(
    @Param('id', uuidParam) id: string,
    @Body() body: PathwayStepRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.casework.call(CASEWORK_PATHWAY_STEP_V1, principal, { caseId: id, ...body });
  }

  /** Brokered model: the hand-off status the case keeps while the partner owns the pathway. */
  @Put('cases/:id/pathway/handoff')
  @Roles('link_worker', 'hub_manager')
  @Audited({ action: 'case.pathway.handoff', ...CASE })
  handoff(
    @Param('id', uuidParam) id: string,
    @Body() body: HandoffRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.casework.call(CASEWORK_PATHWAY_HANDOFF_V1, principal, { caseId: id, ...body });
  }
}
