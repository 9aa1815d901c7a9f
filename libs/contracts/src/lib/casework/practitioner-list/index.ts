import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';

/** Request/reply: practitioners with caseload load, over-capacity warning, training and supervision status. */
export const CASEWORK_PRACTITIONER_LIST_V1 = 'casework.practitioner.list.v1' as const;

export class ListPractitionersV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
}
