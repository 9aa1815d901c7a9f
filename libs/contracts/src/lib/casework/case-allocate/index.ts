import { Type } from 'class-transformer';
import { IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';

/** Request/reply: manual allocation by a hub manager, recorded with a reason. */
export const CASEWORK_CASE_ALLOCATE_V1 = 'casework.case.allocate.v1' as const;

export class AllocateCaseV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsUUID() caseId!: string;
  @IsUUID() practitionerId!: string;
  @IsString() @Length(3, 1000) reason!: string;
}
