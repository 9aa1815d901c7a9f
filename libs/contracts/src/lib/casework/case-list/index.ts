import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';
import { CASE_QUEUES, CASE_STATES, type CaseQueue, type CaseState } from '../shared';

/** Request/reply: cases the caller may see (a link worker: their own). */
export const CASEWORK_CASE_LIST_V1 = 'casework.case.list.v1' as const;

export class ListCasesV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsOptional() @IsIn(CASE_STATES) state?: CaseState;
  @IsOptional() @IsUUID() practitionerId?: string;
  @IsOptional() @IsIn(CASE_QUEUES) queue?: CaseQueue;
  /** Only cases flagged for no contact in 14 days. */
  @IsOptional() @IsBoolean() noContactOnly?: boolean;
}
