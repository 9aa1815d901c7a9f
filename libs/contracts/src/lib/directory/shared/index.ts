import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** Whether a service takes referrals; `paused` is a temporary no. Same values as @linkway/domain ACCEPTING_STATES. */
export const DIRECTORY_ACCEPTING = ['yes', 'no', 'paused'] as const;
/** How a referral reaches the service. Same values as @linkway/domain REFERRAL_ROUTES. */
export const DIRECTORY_REFERRAL_ROUTES = ['in_platform', 'email', 'phone', 'own_form'] as const;
/** ORUK service status values. */
export const DIRECTORY_SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;

/** Ids are ORUK ids: UUIDs in our own data, any stable string (≤ 100 safe characters) when imported. */
export const DIRECTORY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const ID_RULE = 'must be 1–100 letters, digits, dots, colons, underscores or hyphens';

export class DirectoryReferralContactV1 {
  @IsString() @Length(1, 200) name!: string;
  @IsString() @Length(1, 200) role!: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @IsOptional() @IsEmail() email?: string;
}

export class DirectoryReferralV1 {
  @IsIn(DIRECTORY_REFERRAL_ROUTES) route!: (typeof DIRECTORY_REFERRAL_ROUTES)[number];
  /** The address, number or form URL the route uses, and anything a link worker should know. */
  @IsOptional() @IsString() @MaxLength(2000) details?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DirectoryReferralContactV1)
  contacts?: DirectoryReferralContactV1[];
}

export class DirectoryPartnershipV1 {
  @IsBoolean() mouInPlace!: boolean;
  @IsOptional() @IsISO8601({ strict: true }) reviewDate?: string;
}

export class DirectoryCapacityV1 {
  @IsIn(DIRECTORY_ACCEPTING) accepting!: (typeof DIRECTORY_ACCEPTING)[number];
  /** Absent: no weekly limit. */
  @IsOptional() @IsInt() @Min(0) @Max(10_000) maxNewPerWeek?: number;
  @IsOptional() @IsInt() @Min(0) @Max(3650) waitingTimeDays?: number;
}

export class DirectoryLocationInputV1 {
  @IsOptional() @Matches(DIRECTORY_ID, { message: `id ${ID_RULE}` }) id?: string;
  /** The ORUK service_at_location id linking it to the service (kept by imports); generated when absent. */
  @IsOptional()
  @Matches(DIRECTORY_ID, { message: `serviceAtLocationId ${ID_RULE}` })
  serviceAtLocationId?: string;
  @IsOptional() @IsString() @MaxLength(200) name?: string;
  @IsOptional() @IsString() @MaxLength(200) address1?: string;
  @IsOptional() @IsString() @MaxLength(100) city?: string;
  @IsString() @Length(2, 10) postcode!: string;
  /** Absent: looked up from the postcode. */
  @IsOptional() @IsLatitude() latitude?: number;
  @IsOptional() @IsLongitude() longitude?: number;
}

export class DirectoryScheduleV1 {
  /** iCal BYDAY, e.g. "MO,WE". */
  @IsOptional() @Matches(/^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$/) byDay?: string;
  @IsOptional() @Matches(/^\d{2}:\d{2}$/) opensAt?: string;
  @IsOptional() @Matches(/^\d{2}:\d{2}$/) closesAt?: string;
  @IsOptional() @IsString() @MaxLength(500) description?: string;
}

export class DirectoryPublicContactV1 {
  @IsOptional() @IsString() @MaxLength(200) name?: string;
  @IsOptional() @IsString() @MaxLength(200) title?: string;
  @IsOptional() @IsEmail() email?: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
}

export class DirectoryCostOptionV1 {
  @IsOptional() @IsString() @MaxLength(200) option?: string;
  @IsOptional() @Min(0) amount?: number;
  @IsOptional() @IsString() @MaxLength(500) amountDescription?: string;
}

/**
 * A service as hub staff edit it: the public ORUK fields plus Linkway's referral route,
 * named contacts, partnership and capacity. Every field is optional so the same shape serves
 * create (where organizationId, name and status are required, checked by the service) and patch.
 */
export class DirectoryServiceInputV1 {
  @IsOptional() @Matches(DIRECTORY_ID, { message: `organizationId ${ID_RULE}` }) organizationId?: string;
  @IsOptional() @IsString() @Length(1, 300) name?: string;
  @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @IsOptional() @IsIn(DIRECTORY_SERVICE_STATUSES) status?: (typeof DIRECTORY_SERVICE_STATUSES)[number];
  @IsOptional() @IsUrl() url?: string;
  @IsOptional() @IsEmail() email?: string;
  @IsOptional() @IsInt() @Min(0) @Max(130) minimumAge?: number;
  @IsOptional() @IsInt() @Min(0) @Max(130) maximumAge?: number;
  @IsOptional() @IsString() @MaxLength(2000) eligibilityDescription?: string;
  @IsOptional() @IsString() @MaxLength(2000) feesDescription?: string;
  /** ISO 639 codes, e.g. "en", "ur". */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @Matches(/^[a-z]{2,3}$/, { each: true }) languages?: string[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DirectoryScheduleV1)
  schedules?: DirectoryScheduleV1[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DirectoryCostOptionV1)
  costOptions?: DirectoryCostOptionV1[];
  /** Public contacts (ORUK contacts); named referral contacts go in `referral.contacts`. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DirectoryPublicContactV1)
  contacts?: DirectoryPublicContactV1[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(DIRECTORY_ID, { each: true })
  taxonomyTermIds?: string[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DirectoryLocationInputV1)
  locations?: DirectoryLocationInputV1[];
  @IsOptional() @ValidateNested() @Type(() => DirectoryReferralV1) referral?: DirectoryReferralV1;
  @IsOptional() @ValidateNested() @Type(() => DirectoryPartnershipV1) partnership?: DirectoryPartnershipV1;
  @IsOptional() @ValidateNested() @Type(() => DirectoryCapacityV1) capacity?: DirectoryCapacityV1;
  /** When someone last confirmed the entry with the service (ISO date-time); staleness counts from here. */
  @IsOptional() @IsISO8601({ strict: true }) lastVerifiedAt?: string;
}

export interface DirectoryLocationViewV1 {
  id: string;
  name?: string;
  address1?: string;
  city?: string;
  postcode?: string;
  latitude?: number;
  longitude?: number;
}

export interface DirectoryTermViewV1 {
  id: string;
  code?: string;
  name: string;
}

/** A service as hub staff see it: ORUK fields and Linkway extensions, capacity computed now. */
export interface DirectoryServiceViewV1 {
  id: string;
  organizationId: string;
  organizationName: string;
  name: string;
  description?: string;
  status: (typeof DIRECTORY_SERVICE_STATUSES)[number];
  url?: string;
  email?: string;
  minimumAge?: number;
  maximumAge?: number;
  eligibilityDescription?: string;
  feesDescription?: string;
  languages: string[];
  schedules: DirectoryScheduleV1[];
  costOptions: DirectoryCostOptionV1[];
  contacts: DirectoryPublicContactV1[];
  taxonomyTerms: DirectoryTermViewV1[];
  locations: DirectoryLocationViewV1[];
  referral: {
    route: (typeof DIRECTORY_REFERRAL_ROUTES)[number] | null;
    details?: string;
    contacts: DirectoryReferralContactV1[];
  };
  partnership: { mouInPlace: boolean; reviewDate?: string };
  capacity: {
    accepting: (typeof DIRECTORY_ACCEPTING)[number];
    maxNewPerWeek?: number;
    waitingTimeDays?: number;
    /** Unreleased reservations made in the last 7 days. */
    reservedThisWeek: number;
    /** Unreleased reservations from this hub, whenever made: referrals the service holds from us. */
    openReferrals: number;
    /** null: no weekly limit. */
    placesLeft: number | null;
    available: boolean;
  };
  lastVerifiedAt?: string;
  stale: boolean;
  lastModified: string;
}
