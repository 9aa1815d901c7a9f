import { IsArray, IsIn, IsISO8601, IsOptional, IsString } from 'class-validator';
import { OUTCOME_TIMEPOINTS, type OutcomeTimepoint } from '../shared';

/**
 * Request/reply: the hub dashboard, from the outcomes read model only (fed by intake and casework
 * events). Every filter is optional; `from`/`to` bound the period (inclusive from, exclusive to).
 */
export const OUTCOMES_DASHBOARD_V1 = 'outcomes.dashboard.get.v1' as const;

export class GetOutcomesDashboardV1 {
  @IsOptional() @IsISO8601() from?: string;
  @IsOptional() @IsISO8601() to?: string;
  @IsOptional() @IsString() practitionerId?: string;
  @IsOptional() @IsString() referralSource?: string;
  @IsOptional() @IsString() need?: string;
  @IsOptional() @IsString() integrationModel?: string;
  @IsOptional() @IsString() archetype?: string;
  /** Follow-up paired with baseline; the hub's end-of-support timepoint by default. */
  @IsOptional() @IsIn(OUTCOME_TIMEPOINTS) followUp?: OutcomeTimepoint;
  @IsOptional() @IsArray() @IsString({ each: true }) measures?: string[];
}

export interface MeasureSummaryV1 {
  measure: string;
  direction: 'higher_is_better' | 'lower_is_better';
  nPaired: number;
  meanBaseline: number | null;
  meanFollowUp: number | null;
  meanChange: number | null;
  sd: number | null;
  ci95: { lower: number; upper: number } | null;
  nImproved: number;
  shareImproved: number | null;
}

export interface OutcomesDashboardV1 {
  filters: GetOutcomesDashboardV1 & { followUp: OutcomeTimepoint };
  outcomes: MeasureSummaryV1[];
  /** SWEMWBS: Warwick's rule of thumb of 30 paired people before comparing groups. */
  swemwbsEnoughForComparison: boolean;
  healthUse: Array<{
    item: string;
    nPaired: number;
    baselineSum: number;
    followUpSum: number;
    changePerPerson: number | null;
    nReduced: number;
  }>;
  readmissions: Array<{ timepoint: OutcomeTimepoint; n: number; readmitted: number; rate: number | null }>;
  readmissionBaselineRate: number | null;
  completion: { due: number; recorded: number; rate: number | null };
  pathway: {
    referralsReceived: number;
    referralsAccepted: number;
    casesOpened: number;
    casesWithFirstContact: number;
    casesClosed: number;
    casesCompleted: number;
    closedByReason: Record<string, number>;
    conversion: {
      acceptedOfReceived: number | null;
      contactedOfOpened: number | null;
      completedOfOpened: number | null;
    };
    dropOff: { beforeFirstContact: number; closedNotCompleted: number };
    daysToFirstContact: { n: number; mean: number | null; median: number | null };
    contactsPerClosedCase: { n: number; mean: number | null };
    /** Home-environment pathway (casework's step order): reached and dropped after each step. */
    homeEnvironment: {
      pathways: number;
      delivered: number;
      conversion: number | null;
      droppedBeforeFirstStep: number;
      steps: Array<{ step: string; reached: number; droppedAfter: number }>;
    };
  };
  partners: Array<{
    partnerOrganisationId: string;
    sent: number;
    answered: number;
    /** answered / sent: the partner acknowledged, accepted or declined. */
    feedbackRate: number | null;
    /** Onward referrals the partner reported back on (started, completed, dropped out). */
    feedbackReceived: number;
    medianResponseDays: number | null;
    completed: number;
  }>;
}
