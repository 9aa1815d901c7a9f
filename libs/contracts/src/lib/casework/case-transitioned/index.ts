import { IsIn, IsISO8601, IsOptional, IsString, IsUUID } from 'class-validator';
import { CASE_STATES, CLOSURE_REASONS, type CaseState, type ClosureReason } from '../shared';

/** Event: a case moved from one lifecycle state to another (also on closing, with the reason). */
export const CASEWORK_CASE_TRANSITIONED_V1 = 'evt.casework.case.transitioned.v1' as const;

export class CaseTransitionedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() personId!: string;
  @IsString() hubId!: string;
  @IsIn(CASE_STATES) from!: CaseState;
  @IsIn(CASE_STATES) to!: CaseState;
  /** Set when `to` is `closed`. */
  @IsOptional() @IsIn(CLOSURE_REASONS) closureReason!: ClosureReason | null;
  /** Account id of who made the transition. */
  @IsString() by!: string;
  @IsISO8601() occurredAt!: string;
}
