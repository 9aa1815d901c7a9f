import { Type } from 'class-transformer';
import { IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';

/** Request/reply: pair a new practitioner with an experienced one. */
export const CASEWORK_PRACTITIONER_PAIR_V1 = 'casework.practitioner.pair.v1' as const;

export class PairPractitionerV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsUUID() practitionerId!: string;
  /** Absent: casework chooses an experienced practitioner of the same role. */
  @IsOptional() @IsUUID() mentorId?: string;
}
