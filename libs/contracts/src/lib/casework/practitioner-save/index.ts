import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsISO8601,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CaseworkActorV1 } from '../actor';
import { PRACTITIONER_ROLES, type PractitionerRole } from '../shared';

/** Request/reply: create or update a practitioner (hub manager). */
export const CASEWORK_PRACTITIONER_SAVE_V1 = 'casework.practitioner.save.v1' as const;

export class SavePractitionerV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  /** Absent: a new practitioner. */
  @IsOptional() @IsUUID() id?: string;
  @IsString() @Length(1, 200) accountId!: string;
  @IsString() @Length(1, 200) name!: string;
  @IsIn(PRACTITIONER_ROLES) role!: PractitionerRole;
  @IsNumber() @Min(0) @Max(60) hoursPerWeek!: number;
  /** Open cases held at once; absent: the hub profile's maxOpenCasesPerPractitioner (about 40 full-time). */
  @IsOptional() @IsInt() @Min(0) @Max(500) caseloadCapacity?: number;
  @IsISO8601() startedOn!: string;
  @IsOptional() @IsInt() @Min(1) @Max(365) supervisionCadenceDays?: number;
  @IsOptional() @IsBoolean() active?: boolean;
}
