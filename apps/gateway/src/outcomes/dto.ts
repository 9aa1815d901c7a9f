import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { OUTCOME_TIMEPOINTS, type OutcomeTimepoint } from '@linkway/contracts';

/**
 * `POST /outcomes/cases/{caseId}/recordings`. Shapes are checked here; every item's range is
 * checked by the outcomes service against @linkway/domain, and a 400 names the item and range.
 */
export class RecordOutcomesBody {
  @ApiProperty({ enum: OUTCOME_TIMEPOINTS })
  @IsIn(OUTCOME_TIMEPOINTS)
  timepoint!: OutcomeTimepoint;

  @ApiPropertyOptional({ description: 'When the answers were given (defaults to now)' })
  @IsOptional()
  @IsISO8601()
  recordedAt?: string;

  @ApiPropertyOptional({
    description: 'ONS4: four separate items 0–10, never summed',
    example: { lifeSatisfaction: 6, worthwhile: 7, happiness: 5, anxiety: 3 },
  })
  @IsOptional()
  @IsObject()
  ons4?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'SWEMWBS: seven answers 1–5, item 1 first',
    example: [3, 3, 4, 3, 2, 3, 3],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  swemwbs?: unknown[];

  @ApiPropertyOptional({
    description: 'UCLA 3-item: hardly_ever | some_of_the_time | often (or 1–3)',
    example: { lackCompanionship: 'often', leftOut: 'some_of_the_time', isolated: 'hardly_ever' },
  })
  @IsOptional()
  @IsObject()
  ucla3?: Record<string, unknown>;

  @ApiPropertyOptional({
    description:
      'ONS "How often do you feel lonely?": often_always | some_of_the_time | occasionally | hardly_ever | never',
  })
  @IsOptional()
  onsLoneliness?: unknown;

  @ApiPropertyOptional({
    description: 'Health and care use in the window (months; the hub default when left out)',
    example: { gpConsultations: 4, aeAttendances: 1, outpatientAppointments: 0, inpatientAdmissions: 0 },
  })
  @IsOptional()
  @IsObject()
  healthUse?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'Stroke navigation: readmitted since discharge (6 weeks, 6 months)',
    example: { readmitted: false },
  })
  @IsOptional()
  @IsObject()
  readmission?: { readmitted?: unknown };
}

/** `GET /outcomes/dashboard`: every filter optional. */
export class DashboardQuery {
  @ApiPropertyOptional({ description: 'Period start (inclusive), ISO 8601' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'Period end (exclusive), ISO 8601' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) practitionerId?: string;
  @ApiPropertyOptional({ description: 'Referrer type, e.g. gp_practice' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  referralSource?: string;

  @ApiPropertyOptional({ description: 'Presenting need code, e.g. isolation' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  need?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) integrationModel?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) archetype?: string;

  @ApiPropertyOptional({ enum: OUTCOME_TIMEPOINTS, description: 'Follow-up paired with baseline' })
  @IsOptional()
  @IsIn(OUTCOME_TIMEPOINTS)
  followUp?: OutcomeTimepoint;

  @ApiPropertyOptional({ type: [String], description: 'Measure codes to show (repeatable)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === undefined || Array.isArray(value) ? value : [value],
  )
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  measures?: string[];
}
