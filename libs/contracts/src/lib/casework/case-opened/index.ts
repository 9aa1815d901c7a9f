import { IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID } from 'class-validator';
import { CASE_QUEUES, type CaseQueue } from '../shared';

/** Event: casework opened a case for an accepted referral (allocated, or waiting in a queue). */
export const CASEWORK_CASE_OPENED_V1 = 'evt.casework.case.opened.v1' as const;

export class CaseOpenedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() referralId!: string;
  @IsUUID() personId!: string;
  @IsString() hubId!: string;
  @IsIn(CASE_QUEUES) queue!: CaseQueue;
  /** null while the case waits in its queue (no practitioner with capacity). */
  @IsOptional() @IsUUID() practitionerId!: string | null;
  @IsString() referrerType!: string;
  @IsArray() @IsString({ each: true }) needs!: string[];
  @IsString() integrationModel!: string;
  @IsArray() @IsString({ each: true }) homeScreen!: string[];
  @IsBoolean() safeguarding!: boolean;
  @IsISO8601() occurredAt!: string;
}
