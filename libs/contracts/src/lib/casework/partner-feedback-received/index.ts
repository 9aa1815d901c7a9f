import { IsIn, IsISO8601, IsString, IsUUID } from 'class-validator';

/** Event: a partner reported an intervention delivered/completed; a notification is on the case. */
export const CASEWORK_PARTNER_FEEDBACK_RECEIVED_V1 = 'evt.casework.partner_feedback.received.v1' as const;

export class PartnerFeedbackReceivedV1 {
  @IsUUID() notificationId!: string;
  @IsUUID() caseId!: string;
  @IsUUID() onwardReferralId!: string;
  @IsString() hubId!: string;
  @IsString() partnerOrganisationId!: string;
  @IsIn(['completed', 'started', 'dropped_out']) outcome!: 'completed' | 'started' | 'dropped_out';
  @IsISO8601() occurredAt!: string;
}
