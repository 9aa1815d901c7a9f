import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  DECLINE_REASONS,
  REFERRAL_STATUSES,
  type ReferralStatus,
  TRIAGE_OUTCOMES,
  type TriageOutcome,
} from '@linkway/contracts';
import {
  CONSENT_GIVEN_BY,
  CONSENT_METHODS,
  ELIGIBILITY_FLAGS,
  HOME_SCREEN_CODES,
  INTAKE_QUEUES,
  PRESENTING_NEED_CODES,
  REFERRER_TYPES,
} from '@linkway/domain';
import { PagingQuery } from '../../http/paging.dto';

/**
 * The referral forms as OpenAPI documents them. They carry no validation: referral-intake
 * checks every channel's referral against the same rules (checkReferral in @linkway/domain,
 * its form first), so the gateway forwards the body unchecked rather than check it twice.
 */
export class PersonDto {
  @ApiPropertyOptional({
    example: '943 476 5919',
    maxLength: 20,
    description:
      'Mod-11 checked; leave out if the person has none (a local id is issued and identity follow-up flagged)',
  })
  nhsNumber?: string;

  @ApiProperty({ example: 'Ada', minLength: 1, maxLength: 100 })
  givenName!: string;

  @ApiProperty({ example: 'Lovelace', minLength: 1, maxLength: 100 })
  familyName!: string;

  @ApiProperty({
    example: '1950-12-10',
    description: 'YYYY-MM-DD, not in the future, within the hub eligibility',
  })
  dateOfBirth!: string;

  @ApiProperty({ example: 'LS1 4AP', maxLength: 10 })
  postcode!: string;

  @ApiPropertyOptional({
    enum: ELIGIBILITY_FLAGS,
    isArray: true,
    description: 'Eligibility facts the hub may require (e.g. frail)',
  })
  flags?: string[];
}

export class ConsentDto {
  @ApiProperty({ enum: CONSENT_GIVEN_BY, description: 'Who consented to share' })
  givenBy!: string;

  @ApiProperty({ enum: CONSENT_METHODS, description: 'How consent was given' })
  method!: string;

  @ApiProperty({
    example: '2026-11-20T10:00:00Z',
    format: 'date-time',
    description: 'When consent was given',
  })
  recordedAt!: string;
}

/** What every referral form shares (the self-referral form has no referrer type). */
export class ReferralFormBase {
  @ApiProperty({ type: PersonDto })
  person!: PersonDto;

  @ApiProperty({ type: ConsentDto })
  consent!: ConsentDto;

  @ApiProperty({
    enum: PRESENTING_NEED_CODES,
    isArray: true,
    minItems: 1,
    maxItems: 15,
    example: ['isolation', 'low_mood_anxiety'],
  })
  reasons!: string[];

  @ApiPropertyOptional({
    enum: HOME_SCREEN_CODES,
    isArray: true,
    description:
      'Home-environment screening: the risks answered yes (cold_or_damp, disrepair, falls_risk, fuel_debt, overcrowding)',
  })
  homeScreen?: string[];

  @ApiPropertyOptional({ description: "Safeguarding concern: goes to the hub manager's attention at once" })
  safeguarding?: boolean;

  @ApiPropertyOptional({ maxLength: 2000, description: 'What the link worker needs to know' })
  note?: string;
}

export class CreateReferralRequest extends ReferralFormBase {
  @ApiProperty({
    enum: REFERRER_TYPES,
    description: "The referrer's organisation type; the hub profile decides which it accepts",
  })
  referrerType!: string;
}

export class SelfReferralRequest extends ReferralFormBase {}

export class TriageRequest {
  @ApiProperty({ enum: TRIAGE_OUTCOMES })
  @IsIn(TRIAGE_OUTCOMES)
  outcome!: TriageOutcome;

  @ApiPropertyOptional({
    enum: INTAKE_QUEUES,
    description: 'accept only: the caseload queue (default: where intake routed it)',
  })
  @IsOptional()
  @IsIn(INTAKE_QUEUES)
  queue?: string;

  @ApiPropertyOptional({
    enum: DECLINE_REASONS,
    description: 'decline only; person_declined records SNOMED 871711000000103',
  })
  @IsOptional()
  @IsIn(DECLINE_REASONS)
  declineReason?: (typeof DECLINE_REASONS)[number];

  @ApiPropertyOptional({ maxLength: 500, description: 'await_info only: what is missing' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  awaitingInfo?: string;
}

export class ReferralsQuery extends PagingQuery {
  @ApiPropertyOptional({ description: 'Only referrals I made (always so for referrers)' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @ApiPropertyOptional({ enum: INTAKE_QUEUES })
  @IsOptional()
  @IsIn(INTAKE_QUEUES)
  queue?: string;
}

export class HandoffUpdateRequest {
  @ApiProperty({
    enum: ['acknowledged', 'completed', 'dropped'],
    description: 'What the housing-and-health partner did',
  })
  @IsIn(['acknowledged', 'completed', 'dropped'])
  status!: 'acknowledged' | 'completed' | 'dropped';
}
