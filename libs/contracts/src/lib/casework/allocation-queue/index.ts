import { Type } from 'class-transformer';
import { IsIn, IsOptional, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';
import { CASE_QUEUES, type CaseQueue } from '../shared';

/** Request/reply: open cases waiting for a practitioner, oldest first per queue (hub manager). */
export const CASEWORK_ALLOCATION_QUEUE_V1 = 'casework.allocation_queue.list.v1' as const;

export class ListAllocationQueueV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsOptional() @IsIn(CASE_QUEUES) queue?: CaseQueue;
}

export interface QueuedCaseViewV1 {
  id: string;
  personId: string;
  queue: CaseQueue;
  needs: string[];
  integrationModel: string;
  safeguarding: boolean;
  openedAt: string;
}
