import { Type } from 'class-transformer';
import { IsISO8601, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';

/** Request/reply: add a training record with its completion date. */
export const CASEWORK_PRACTITIONER_TRAINING_V1 = 'casework.practitioner.training.v1' as const;

export class AddTrainingV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsUUID() practitionerId!: string;
  /** e.g. home_environment_schemes (the course that counts for pathway metrics). */
  @IsString() @Length(1, 100) course!: string;
  @IsISO8601() completedOn!: string;
}
