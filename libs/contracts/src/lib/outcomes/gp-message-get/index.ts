import { Type } from 'class-transformer';
import { IsUUID, ValidateNested } from 'class-validator';
import { OutcomesActorV1 } from '../shared';
import type { GpMessageDocumentV1 } from '../gp-message-ready';

/** Request/reply: the message back to the GP and referrer for a referral whose case has closed. */
export const OUTCOMES_GP_MESSAGE_GET_V1 = 'outcomes.gp_message.get.v1' as const;

export class GetGpMessageV1 {
  @ValidateNested() @Type(() => OutcomesActorV1) actor!: OutcomesActorV1;
  @IsUUID() referralId!: string;
}

export interface GpMessageV1 {
  id: string;
  caseId: string;
  referralId: string;
  personId: string;
  createdAt: string;
  document: GpMessageDocumentV1;
}
