import { Type } from 'class-transformer';
import { IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';

/** Request/reply: record what matters to the person, their strengths and concerns. */
export const CASEWORK_WHAT_MATTERS_SAVE_V1 = 'casework.what_matters.save.v1' as const;

export class SaveWhatMattersV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsUUID() caseId!: string;
  /** In the person's words. */
  @IsString() @Length(1, 10000) whatMatters!: string;
  @IsString() @MaxLength(10000) strengths!: string;
  @IsString() @MaxLength(10000) concerns!: string;
}
