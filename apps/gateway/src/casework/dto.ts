import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import {
  AddTrainingV1,
  AllocateCaseV1,
  CASE_QUEUES,
  CASE_STATES,
  CLOSURE_REASONS,
  CONTACT_MODES,
  HANDOFF_STATUSES,
  ListCasesV1,
  ListPartnerReferralsV1,
  ONWARD_REFERRAL_STATUSES,
  PairPractitionerV1,
  PATHWAY_STEPS,
  PRACTITIONER_ROLES,
  RecordContactV1,
  RecordPathwayStepV1,
  RecordSupervisionV1,
  SavePlanV1,
  SavePractitionerV1,
  SaveWhatMattersV1,
  TransitionCaseV1,
  UpdateOnwardReferralV1,
  UpdatePathwayHandoffV1,
} from '@linkway/contracts';

/*
 * Request bodies: the casework contract classes without the fields the gateway fills in (the
 * actor from the token, ids from the route), so validation rules are written once, in
 * libs/contracts. Swagger properties are declared here for the docs.
 */

export class TransitionRequest extends OmitType(TransitionCaseV1, ['actor', 'caseId'] as const) {
  @ApiProperty({ enum: CASE_STATES }) declare to: TransitionCaseV1['to'];
  @ApiPropertyOptional({ enum: CLOSURE_REASONS }) declare closureReason?: TransitionCaseV1['closureReason'];
}

export class AllocateRequest extends OmitType(AllocateCaseV1, ['actor', 'caseId'] as const) {
  @ApiProperty({ format: 'uuid' }) declare practitionerId: string;
  @ApiProperty({ description: 'Why the case is allocated by hand (recorded)' }) declare reason: string;
}

export class ContactRequest extends OmitType(RecordContactV1, ['actor', 'caseId'] as const) {
  @ApiProperty({ format: 'date-time' }) declare at: string;
  @ApiProperty({ enum: CONTACT_MODES }) declare mode: RecordContactV1['mode'];
  @ApiProperty() declare durationMinutes: number;
  @ApiPropertyOptional() declare notes?: string;
  @ApiPropertyOptional({ type: [String] }) declare present?: string[];
  @ApiPropertyOptional() declare didNotAttend?: boolean;
}

export class WhatMattersRequest extends OmitType(SaveWhatMattersV1, ['actor', 'caseId'] as const) {
  @ApiProperty({ description: "In the person's words" }) declare whatMatters: string;
  @ApiProperty() declare strengths: string;
  @ApiProperty() declare concerns: string;
}

export class PlanRequest extends OmitType(SavePlanV1, ['actor', 'caseId'] as const) {
  @ApiProperty({
    description:
      'Goals: goal, whyItMatters, steps[], whoHelps[], targetDate, status; id to change an existing goal',
  })
  declare goals: SavePlanV1['goals'];
  @ApiPropertyOptional({ format: 'date', nullable: true }) declare agreedDate?: string | null;
}

export class OnwardReferralRequest {
  @ApiProperty({ description: 'Directory (ORUK) service id' })
  @IsString()
  @Length(1, 100)
  directoryServiceId!: string;

  @ApiProperty({ description: 'The person agreed to their details being shared with the partner' })
  @IsBoolean()
  consentToShare!: boolean;
}

export class OnwardStatusRequest extends OmitType(UpdateOnwardReferralV1, [
  'actor',
  'onwardReferralId',
] as const) {
  @ApiProperty({ enum: ONWARD_REFERRAL_STATUSES }) declare status: UpdateOnwardReferralV1['status'];
  @ApiPropertyOptional({ description: 'Coded reason (declined, dropped out)' }) declare reason?: string;
  @ApiPropertyOptional() declare note?: string;
}

export class PathwayStepRequest extends OmitType(RecordPathwayStepV1, ['actor', 'caseId'] as const) {
  @ApiProperty({ enum: PATHWAY_STEPS }) declare step: RecordPathwayStepV1['step'];
  @ApiPropertyOptional({ format: 'date-time' }) declare at?: string;
  @ApiPropertyOptional({ enum: ['approved', 'refused'] }) declare decision?: 'approved' | 'refused';
  @ApiPropertyOptional({ type: [String] }) declare schemes?: string[];
  @ApiPropertyOptional() declare councilContact?: string;
  @ApiPropertyOptional() declare notes?: string;
}

export class HandoffRequest extends OmitType(UpdatePathwayHandoffV1, ['actor', 'caseId'] as const) {
  @ApiProperty({ enum: HANDOFF_STATUSES }) declare status: UpdatePathwayHandoffV1['status'];
}

export class CasesQuery extends OmitType(ListCasesV1, ['actor', 'noContactOnly'] as const) {
  @ApiPropertyOptional({ enum: CASE_STATES }) declare state?: ListCasesV1['state'];
  @ApiPropertyOptional({ format: 'uuid' }) declare practitionerId?: string;
  @ApiPropertyOptional({ enum: CASE_QUEUES }) declare queue?: ListCasesV1['queue'];
  @ApiPropertyOptional({ description: 'true: only cases with no contact in 14 days' })
  @IsOptional()
  @IsString()
  noContact?: 'true' | 'false';
}

export class PractitionerRequest extends OmitType(SavePractitionerV1, ['actor', 'id'] as const) {
  @ApiProperty({ description: 'The gateway account of the practitioner' }) declare accountId: string;
  @ApiProperty() declare name: string;
  @ApiProperty({ enum: PRACTITIONER_ROLES }) declare role: SavePractitionerV1['role'];
  @ApiProperty() declare hoursPerWeek: number;
  @ApiPropertyOptional({ description: "Absent: the hub profile's maxOpenCasesPerPractitioner" })
  declare caseloadCapacity?: number;
  @ApiProperty({ format: 'date' }) declare startedOn: string;
  @ApiPropertyOptional() declare supervisionCadenceDays?: number;
  @ApiPropertyOptional() declare active?: boolean;
}

export class TrainingRequest extends OmitType(AddTrainingV1, ['actor', 'practitionerId'] as const) {
  @ApiProperty({ example: 'home_environment_schemes' }) declare course: string;
  @ApiProperty({ format: 'date' }) declare completedOn: string;
}

export class PairingRequest extends OmitType(PairPractitionerV1, ['actor', 'practitionerId'] as const) {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Absent: an experienced practitioner of the same role is chosen',
  })
  declare mentorId?: string;
}

export class SupervisionRequest extends OmitType(RecordSupervisionV1, ['actor', 'practitionerId'] as const) {
  @ApiProperty({ format: 'uuid' }) declare supervisorId: string;
  @ApiProperty({ format: 'date-time' }) declare at: string;
  @ApiProperty({ type: [String] }) declare casesDiscussed: string[];
  @ApiProperty({ type: [String] }) declare actions: string[];
}

export class PartnerReferralsQuery extends OmitType(ListPartnerReferralsV1, ['actor'] as const) {
  @ApiPropertyOptional({ enum: ONWARD_REFERRAL_STATUSES }) declare status?: ListPartnerReferralsV1['status'];
}
