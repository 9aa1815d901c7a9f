import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';

/** Request/reply: the hub's home-environment schemes with eligibility notes. */
export const CASEWORK_SCHEME_LIST_V1 = 'casework.scheme.list.v1' as const;

export class ListSchemesV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
}
