import { IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

/** How a referral reached the hub. */
export const REFERRAL_CHANNELS = ['api', 'self', 'fhir', 'import'] as const;
export type ReferralChannel = (typeof REFERRAL_CHANNELS)[number];

/**
 * Where a referral stands. Open: received, safeguarding_review, awaiting_info, accepted.
 * linked: a duplicate of an open referral for the same person, linked to it instead of opened.
 */
export const REFERRAL_STATUSES = [
  'received',
  'safeguarding_review',
  'awaiting_info',
  'accepted',
  'declined',
  'signposted',
  'linked',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = [
  'received',
  'safeguarding_review',
  'awaiting_info',
  'accepted',
];

/** Who asks: the gateway passes the caller, so the service can check ownership itself. */
export class IntakeActorV1 {
  /** Account id, or null for a public self-referral. */
  @IsOptional()
  @IsString()
  accountId!: string | null;

  @IsString()
  role!: string;
}

/** The referral as a referrer, link worker or hub manager sees it. */
export interface ReferralViewV1 {
  id: string;
  status: ReferralStatus;
  channel: ReferralChannel;
  queue: string | null;
  personId: string;
  /** Local id (LW-…) for a person without an NHS number. */
  localId: string | null;
  nhsNumber: string | null;
  identityFollowUp: boolean;
  person: { givenName: string; familyName: string; dateOfBirth: string; postcode: string; flags: string[] };
  referrerType: string;
  referrerAccountId: string | null;
  consent: { givenBy: string; method: string; recordedAt: string };
  reasons: string[];
  homeScreen: string[];
  integrationModel: string;
  safeguarding: boolean;
  note: string | null;
  /** SNOMED CT codes recorded: 871731000000106 on acceptance, 871711000000103 when the person declines. */
  snomedCodes: string[];
  declineReason: string | null;
  awaitingInfo: string | null;
  /** Set on a linked referral: the open referral of the same person it was linked to. */
  duplicateOf: string | null;
  handoff: { partner: string; status: string; updatedAt: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** What any create returns: the referral, and whether it was new or linked to an open one. */
export interface ReferralCreatedV1 {
  /** 201 for a new referral, 200 for one linked to an open referral (or a replay of either). */
  statusCode: 201 | 200;
  linked: boolean;
  duplicateOf: string | null;
  /** True when the answer is a replay of an earlier request with the same idempotency key. */
  replayed: boolean;
  referral: ReferralViewV1;
}

export class ReferralPersonV1 {
  @IsOptional() @IsString() @MaxLength(20) nhsNumber?: string;
  @IsString() @MaxLength(100) givenName!: string;
  @IsString() @MaxLength(100) familyName!: string;
  @IsString() dateOfBirth!: string;
  @IsString() @MaxLength(10) postcode!: string;
  @IsOptional() @IsArray() @IsString({ each: true }) flags?: string[];
}

export class ReferralConsentV1 {
  @IsString() givenBy!: string;
  @IsString() method!: string;
  @IsString() recordedAt!: string;
}

export class ReferralDraftV1 {
  @IsString() referrerType!: string;
  @IsObject() person!: ReferralPersonV1;
  @IsObject() consent!: ReferralConsentV1;
  @IsArray() @IsString({ each: true }) reasons!: string[];
  @IsOptional() @IsArray() @IsString({ each: true }) homeScreen?: string[];
  @IsOptional() @IsBoolean() safeguarding?: boolean;
  /** What the link worker needs to know; no more (it is shown, never sent in events). */
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export const isReferralChannel = (value: unknown): value is ReferralChannel =>
  (REFERRAL_CHANNELS as readonly unknown[]).includes(value);

export const ReferralChannelIn = () => IsIn(REFERRAL_CHANNELS);
