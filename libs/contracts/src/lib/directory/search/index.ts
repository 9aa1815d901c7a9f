import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DIRECTORY_ID, type DirectoryServiceViewV1 } from '../shared';

/**
 * Request/reply: services for a person's need, ranked. Filters: taxonomy terms (a term
 * includes its children), free text, the person's age, distance from a postcode. Searches by
 * need are recorded (term and time only, no person data) for the gap report unless
 * `recordNeed` is false.
 */
export const DIRECTORY_SEARCH_V1 = 'directory.search.v1' as const;

export class DirectorySearchV1 {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(DIRECTORY_ID, { each: true })
  taxonomyTermIds?: string[];
  @IsOptional() @IsString() @MaxLength(200) text?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(130) age?: number;
  @IsOptional() @IsString() @MaxLength(10) postcode?: string;
  /** Default 5 km when a postcode is given. */
  @IsOptional() @Type(() => Number) @Min(0.1) @Max(200) radiusKm?: number;
  /** Only services that can take a referral now (accepting, a place left this week). */
  @IsOptional() @IsBoolean() availableOnly?: boolean;
  @IsOptional() @IsBoolean() recordNeed?: boolean;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) perPage?: number;
}

export interface DirectorySearchHitV1 {
  service: DirectoryServiceViewV1;
  /** Distance to the nearest location, when an origin was given and the service has a location. */
  distanceKm?: number;
  nearestLocationId?: string;
  eligible: boolean;
  score: number;
}

export interface DirectoryOriginV1 {
  postcode: string;
  latitude: number;
  longitude: number;
  /** `outward_centroid`: the full postcode is not in the lookup table; the outward code's centre was used. */
  resolution: 'postcode' | 'outward_centroid';
}

export interface DirectorySearchResultV1 {
  items: DirectorySearchHitV1[];
  total: number;
  page: number;
  perPage: number;
  origin?: DirectoryOriginV1;
}
