import { Type } from 'class-transformer';
import { IsUUID, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';

/** Request/reply: one case with contacts, norms, plan, onward referrals, pathway, tasks and notifications. */
export const CASEWORK_CASE_GET_V1 = 'casework.case.get.v1' as const;

export class GetCaseV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsUUID() caseId!: string;
}
