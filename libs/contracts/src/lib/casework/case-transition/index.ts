import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';
import { CASE_STATES, CLOSURE_REASONS, type CaseState, type ClosureReason } from '../shared';

/** Request/reply: move a case to another state; an invalid move is a CONFLICT naming the allowed ones. */
export const CASEWORK_CASE_TRANSITION_V1 = 'casework.case.transition.v1' as const;

export class TransitionCaseV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsUUID() caseId!: string;
  @IsIn(CASE_STATES) to!: CaseState;
  @IsOptional() @IsIn(CLOSURE_REASONS) closureReason?: ClosureReason;
}
