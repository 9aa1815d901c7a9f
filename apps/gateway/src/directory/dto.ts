import { describedForOpenApi } from '../http/openapi-from-validators';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DirectoryOrganizationSaveV1, DirectoryServiceInputV1 } from '@linkway/contracts';

const toArray = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** `GET /directory/search`: services for a person's need, ranked. */
export class DirectorySearchQuery {
  @ApiPropertyOptional({
    type: [String],
    description: 'Need (taxonomy term id, repeatable); a term includes its children',
  })
  @IsOptional()
  @Transform(toArray)
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  taxonomyTermId?: string[];

  @ApiPropertyOptional({ description: 'Free text over name and description' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;

  @ApiPropertyOptional({ description: "The person's age: ineligible services are left out" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(130)
  age?: number;

  @ApiPropertyOptional({ description: "The person's postcode: distances, and only services within radiusKm" })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  postcode?: string;

  @ApiPropertyOptional({ default: 5 })
  @IsOptional()
  @Type(() => Number)
  @Min(0.1)
  @Max(200)
  radiusKm?: number;

  @ApiPropertyOptional({ description: 'Only services that can take a referral now' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  availableOnly?: boolean;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  perPage?: number;
}

export class GapReportQuery {
  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 365 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days = 30;
}

/**
 * A service body: the contract's class, so the gateway and the directory validate the same
 * rules (see libs/contracts directory/shared for each field).
 */
export class ServiceBody extends describedForOpenApi(DirectoryServiceInputV1) {}

export class OrganizationBody extends describedForOpenApi(DirectoryOrganizationSaveV1) {}
