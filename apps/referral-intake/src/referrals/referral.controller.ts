import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  GetReferralV1,
  INTAKE_HANDOFF_UPDATE_V1,
  INTAKE_REFERRAL_CREATE_V1,
  INTAKE_REFERRAL_GET_V1,
  INTAKE_REFERRAL_LIST_V1,
  INTAKE_REFERRAL_TRIAGE_V1,
  ListReferralsV1,
  type ReferralCreatedV1,
  type ReferralPageV1,
  type ReferralViewV1,
  TriageReferralV1,
  UpdateIntakeHandoffV1,
} from '@linkway/contracts';
import { DomainRpcExceptionFilter, validRequest } from '@linkway/messaging';
import { createCommand } from './create-command';
import { ReferralService } from './referral.service';

const valid = validRequest;

/**
 * Intake's request/reply subjects: validate, delegate, nothing else. The filter is also set
 * here because bootstrapService's microservice-level global filter did not reach these
 * handlers (DomainErrors arrived as "Internal server error").
 */
@Controller()
@UseFilters(new DomainRpcExceptionFilter())
export class ReferralController {
  constructor(private readonly referrals: ReferralService) {}

  @MessagePattern(INTAKE_REFERRAL_CREATE_V1)
  create(@Payload() payload: unknown): Promise<ReferralCreatedV1> {
    return this.referrals.createGrouped(createCommand(payload));
  }

  @MessagePattern(INTAKE_REFERRAL_GET_V1)
  get(@Payload() payload: unknown): Promise<ReferralViewV1> {
    return this.referrals.get(valid(GetReferralV1, payload));
  }

  @MessagePattern(INTAKE_REFERRAL_LIST_V1)
  list(@Payload() payload: unknown): Promise<ReferralPageV1> {
    return this.referrals.list(valid(ListReferralsV1, payload));
  }

  @MessagePattern(INTAKE_REFERRAL_TRIAGE_V1)
  triage(@Payload() payload: unknown): Promise<ReferralViewV1> {
    return this.referrals.triage(valid(TriageReferralV1, payload));
  }

  @MessagePattern(INTAKE_HANDOFF_UPDATE_V1)
  updateHandoff(@Payload() payload: unknown): Promise<ReferralViewV1> {
    return this.referrals.updateHandoff(valid(UpdateIntakeHandoffV1, payload));
  }
}
