import { Type } from 'class-transformer';
import { IsUUID, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';

/** Request/reply: every version of a case plan, oldest first, with who, when and what changed. */
export const CASEWORK_PLAN_HISTORY_V1 = 'casework.plan.history.v1' as const;

export class GetPlanHistoryV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsUUID() caseId!: string;
}
