import { Type } from 'class-transformer';
import { IsUUID, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';

/** Request/reply: the link worker marks a task on their case done (e.g. a chaser's "chase the partner"). */
export const CASEWORK_TASK_COMPLETE_V1 = 'casework.task.complete.v1' as const;

export class CompleteTaskV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsUUID() caseId!: string;
  @IsUUID() taskId!: string;
}
