import { Type } from 'class-transformer';
import { IsIn, IsUUID, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';
import { HANDOFF_STATUSES, type HandoffStatus } from '../shared';

/** Request/reply: brokered model: record where the hand-off to the housing partner stands. */
export const CASEWORK_PATHWAY_HANDOFF_V1 = 'casework.pathway.handoff.v1' as const;

export class UpdatePathwayHandoffV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsUUID() caseId!: string;
  @IsIn(HANDOFF_STATUSES) status!: HandoffStatus;
}
