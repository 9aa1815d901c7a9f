import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  CASEWORK_ONWARD_REFERRAL_UPDATE_V1,
  CASEWORK_PARTNER_REFERRAL_LIST_V1,
  CASEWORK_PATHWAY_STEP_V1,
} from '@linkway/contracts';
import { Audited } from '../../audit/audited';
import { CurrentPrincipal, Roles } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { ApiErrors } from '../../errors/error-body.dto';
import { uuidParam } from '../../referrals/referrals.controller';
import { CaseworkGatewayService } from '../casework-gateway.service';
import { OnwardStatusRequest, PartnerReferralsQuery, PathwayStepRequest } from '../dto';

/**
 * A partner organisation's own account: the referrals sent to it (only those), its answers
 * (accepted, declined with a reason, started, completed, dropped out, with a note) and, in the
 * brokered model, the home-environment pathway steps it owns.
 */
@ApiTags('partner')
@ApiErrors()
@ApiBearerAuth()
@Controller('partner')
export class PartnerPortalController {
  constructor(private readonly casework: CaseworkGatewayService) {}

  @Get('referrals')
  @Roles('partner')
  async list(
    @Query() query: PartnerReferralsQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    const answer = await this.casework.call(CASEWORK_PARTNER_REFERRAL_LIST_V1, principal, query);
    await this.casework.record(principal, 'partner.referral.list', 'onward_referral', null, request.id);
    return answer;
  }

  @Post('referrals/:id/status')
  @HttpCode(200)
  @Roles('partner')
  @Audited({
    action: 'partner.referral.answer',
    entity: 'onward_referral',
    idParam: 'id',
    purpose: 'direct_care',
  })
  answer(
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
  @Roles('partner')
  @Audited({ action: 'partner.pathway.step', entity: 'case', idParam: 'id', purpose: 'direct_care' })
  pathwayStep(
    @Param('id', uuidParam) id: string,
    @Body() body: PathwayStepRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.casework.call(CASEWORK_PATHWAY_STEP_V1, principal, { caseId: id, ...body });
  }
}
