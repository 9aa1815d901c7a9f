import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsISO8601,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CaseworkActorV1 } from '../actor';
import { CONTACT_MODES, type ContactMode } from '../shared';

/** Request/reply: log a contact. */
export const CASEWORK_CONTACT_RECORD_V1 = 'casework.contact.record.v1' as const;

export class RecordContactV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsUUID() caseId!: string;
  @IsISO8601() at!: string;
  @IsIn(CONTACT_MODES) mode!: ContactMode;
  @IsInt() @Min(0) @Max(1440) durationMinutes!: number;
  @IsOptional() @IsString() @MaxLength(10000) notes?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  present?: string[];
  @IsOptional() @IsBoolean() didNotAttend?: boolean;
}
