import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CaseworkActorV1 } from '../actor';

/** Request/reply: record a supervision session. */
export const CASEWORK_SUPERVISION_RECORD_V1 = 'casework.supervision.record.v1' as const;

export class RecordSupervisionV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsUUID() practitionerId!: string;
  @IsUUID() supervisorId!: string;
  @IsISO8601() at!: string;
  @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) casesDiscussed!: string[];
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(2000, { each: true }) actions!: string[];
}
