import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDateString,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/*
 * A hub's de-identified aggregate snapshot for one period, published by the outcomes service
 * through its outbox to `fed.snapshot.<hubId>` in the hub stream FEDERATION_OUT and sourced by
 * the ICS stream FEDERATION_IN.
 *
 * Aggregates only: counts, sums and sums of squares, never a person-level field, identifier,
 * name, date of birth or postcode. Every figure is an exact raw sum or count (not rounded, not a
 * mean), so ICS-wide figures are computed exactly by adding hubs up; disclosure control is
 * applied by the federation to everything it outputs (docs/federation.md explains why).
 *
 * Keyed by (hubId, period.kind, period.key, version): a higher version replaces a lower one.
 */

/** Prefix of every hub's snapshot subject; FEDERATION_OUT holds `fed.>`. */
export const HUB_SNAPSHOT_V1 = 'fed.snapshot' as const;
/** The subject a hub publishes its snapshots to. */
export const hubSnapshotSubject = (hubId: string) => `${HUB_SNAPSHOT_V1}.${hubId}` as const;
/** What the federation's consumer filters on (every hub). */
export const HUB_SNAPSHOT_ALL_HUBS = `${HUB_SNAPSHOT_V1}.*` as const;

export const HUB_ID_PATTERN = /^[a-z][a-z0-9-]{1,30}$/;

export const INTEGRATION_MODELS = [
  'embedded_specialist',
  'universal_screening',
  'brokered_referral',
  'none',
] as const;
export type IntegrationModel = (typeof INTEGRATION_MODELS)[number];

export const HUB_ARCHETYPES = [
  'pcn_link_workers',
  'community_centre',
  'volunteer_navigators',
  'frail_elderly',
  'self_funder',
  'mental_health_recovery',
  'stroke',
  'vcse_connector',
  'home_environment',
] as const;
export type HubArchetype = (typeof HUB_ARCHETYPES)[number];

export const PERIOD_KINDS = ['week', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Steps of the home-environment pathway, in order; drop-off is the loss between neighbours. */
export const HOME_ENVIRONMENT_STEPS = [
  'identified',
  'screened',
  'referred_on',
  'assessed',
  'decided',
  'intervention_delivered',
] as const;
export type HomeEnvironmentStep = (typeof HOME_ENVIRONMENT_STEPS)[number];

export const HEALTH_USE_KINDS = ['gp_consultations', 'ae_attendances', 'outpatient', 'inpatient'] as const;
export type HealthUseKind = (typeof HEALTH_USE_KINDS)[number];

/** Largest count any one field may carry; far above any hub's year, it catches garbage. */
const MAX_COUNT = 100_000_000;
const KEY = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

export class SnapshotPeriod {
  @IsIn(PERIOD_KINDS)
  kind!: PeriodKind;

  /** `2026-11` for a month, `2026-W47` (ISO week) for a week. */
  @Matches(/^\d{4}-(0[1-9]|1[0-2]|W(0[1-9]|[1-4]\d|5[0-3]))$/)
  key!: string;

  /** First day, inclusive (YYYY-MM-DD). */
  @IsDateString({ strict: true })
  start!: string;

  /** Last day, inclusive (YYYY-MM-DD). */
  @IsDateString({ strict: true })
  end!: string;
}

/** A count under a coded key (a referrer type, a presenting need). */
export class KeyedCount {
  @Matches(KEY)
  key!: string;

  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  count!: number;
}

export class ReferralAggregates {
  @ValidateNested({ each: true })
  @Type(() => KeyedCount)
  @ArrayMaxSize(100)
  bySource!: KeyedCount[];

  @ValidateNested({ each: true })
  @Type(() => KeyedCount)
  @ArrayMaxSize(200)
  byNeed!: KeyedCount[];

  @IsInt() @Min(0) @Max(MAX_COUNT) received!: number;
  @IsInt() @Min(0) @Max(MAX_COUNT) accepted!: number;
  @IsInt() @Min(0) @Max(MAX_COUNT) declined!: number;
  @IsInt() @Min(0) @Max(MAX_COUNT) signposted!: number;
}

export class CaseAggregates {
  @IsInt() @Min(0) @Max(MAX_COUNT) opened!: number;
  @IsInt() @Min(0) @Max(MAX_COUNT) closed!: number;
  /** Contacts over the cases closed in the period: contactsSum / closedWithContacts = contacts per case. */
  @IsInt() @Min(0) @Max(MAX_COUNT) contactsSum!: number;
  @IsInt() @Min(0) @Max(MAX_COUNT) closedWithContacts!: number;
}

/** Paired baseline→follow-up change of one measure: enough to combine hubs exactly (n, Σd, Σd²). */
export class MeasureChange {
  /** e.g. `swemwbs`, `ons4_life_satisfaction`, `ucla3`. */
  @Matches(KEY)
  measure!: string;

  @IsInt() @Min(0) @Max(MAX_COUNT) nPaired!: number;
  @IsNumber({ allowNaN: false, allowInfinity: false }) sumChange!: number;
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) sumSquares!: number;
  @IsInt() @Min(0) @Max(MAX_COUNT) nImproved!: number;
}

/** Health and care use in the same window before and after support, over the same paired people. */
export class HealthUseChange {
  @IsIn(HEALTH_USE_KINDS)
  kind!: HealthUseKind;

  @IsInt() @Min(0) @Max(MAX_COUNT) nPaired!: number;
  @IsInt() @Min(0) @Max(MAX_COUNT) baselineSum!: number;
  @IsInt() @Min(0) @Max(MAX_COUNT) followUpSum!: number;
  /** People whose use went down. */
  @IsInt() @Min(0) @Max(MAX_COUNT) nReduced!: number;
}

export class FunnelStep {
  @IsIn(HOME_ENVIRONMENT_STEPS)
  step!: HomeEnvironmentStep;

  /** Households that reached this step in the period's cohort. */
  @IsInt() @Min(0) @Max(MAX_COUNT) reached!: number;
}

/** Days to an answer, as a histogram, so the ICS median is exact when hubs are combined. */
export class ResponseDaysBin {
  @IsInt() @Min(0) @Max(3650) days!: number;
  @IsInt() @Min(0) @Max(MAX_COUNT) count!: number;
}

export class PartnerFeedbackAggregates {
  /** Onward referrals sent to partners. */
  @IsInt() @Min(0) @Max(MAX_COUNT) sent!: number;
  /** Of those, the ones the partner answered (acknowledged, accepted or declined). */
  @IsInt() @Min(0) @Max(MAX_COUNT) answered!: number;

  @ValidateNested({ each: true })
  @Type(() => ResponseDaysBin)
  @ArrayMaxSize(400)
  responseDays!: ResponseDaysBin[];
}

export class HubSnapshotV1 {
  @Matches(HUB_ID_PATTERN)
  hubId!: string;

  @IsString()
  @MaxLength(200)
  hubName!: string;

  @IsIn(HUB_ARCHETYPES)
  archetype!: HubArchetype;

  @IsIn(INTEGRATION_MODELS)
  integrationModel!: IntegrationModel;

  /** Registered population the hub serves (a context figure, not a count of people supported). */
  @IsInt() @Min(0) @Max(MAX_COUNT) population!: number;

  @ValidateNested()
  @Type(() => SnapshotPeriod)
  period!: SnapshotPeriod;

  /** Higher wins: a rebuilt or corrected period is published with a higher version. */
  @IsInt()
  @Min(1)
  version!: number;

  @IsDateString()
  builtAt!: string;

  @ValidateNested()
  @Type(() => ReferralAggregates)
  referrals!: ReferralAggregates;

  @ValidateNested()
  @Type(() => CaseAggregates)
  cases!: CaseAggregates;

  @ValidateNested({ each: true })
  @Type(() => MeasureChange)
  @ArrayMaxSize(50)
  outcomes!: MeasureChange[];

  @ValidateNested({ each: true })
  @Type(() => HealthUseChange)
  @ArrayMaxSize(HEALTH_USE_KINDS.length)
  healthUse!: HealthUseChange[];

  @ValidateNested({ each: true })
  @Type(() => FunnelStep)
  @ArrayMaxSize(HOME_ENVIRONMENT_STEPS.length)
  homeEnvironment!: FunnelStep[];

  @ValidateNested()
  @Type(() => PartnerFeedbackAggregates)
  partnerFeedback!: PartnerFeedbackAggregates;
}
