import { PATHWAY_STEPS, type HandoffStatus, type PathwayOwner, type PathwayStep } from '@linkway/contracts';

/** A home-environment scheme a hub checks eligibility for (the hub's configurable list). */
export interface HomeScheme {
  code: string;
  label: string;
  eligibilityNotes: string;
}

/** The default list; a hub replaces it with CASEWORK_HOME_SCHEMES_FILE. */
export const DEFAULT_HOME_SCHEMES: readonly HomeScheme[] = [
  {
    code: 'insulation_heating',
    label: 'Insulation and heating upgrades',
    eligibilityNotes:
      'Owner-occupiers and private tenants on means-tested benefits, or low income with a health condition made worse by cold; EPC band D–G.',
  },
  {
    code: 'disabled_facilities_grant',
    label: 'Disabled facilities grant',
    eligibilityNotes:
      'A disabled occupant; adaptations recommended by an occupational therapist; means-tested except for children.',
  },
  {
    code: 'home_repair_assistance',
    label: 'Home repair assistance',
    eligibilityNotes:
      'Owner-occupiers aged 60+ or disabled, with hazards (damp, disrepair, falls) they cannot fund themselves.',
  },
];

/**
 * Pathway steps are recorded in order, one at a time; the decision step says approved or
 * refused, and a refusal ends the pathway.
 */
export function checkPathwayStep(
  recorded: readonly PathwayStep[],
  refused: boolean,
  step: PathwayStep,
  decision: 'approved' | 'refused' | null | undefined,
): { ok: true } | { ok: false; reason: string; next: PathwayStep | null } {
  const next = nextPathwayStep(recorded, refused);
  if (step !== next) {
    return {
      ok: false,
      next,
      reason: next ? `the next step is ${next}` : 'the pathway has no further steps',
    };
  }
  if (step === 'decision' && decision !== 'approved' && decision !== 'refused') {
    return { ok: false, next, reason: 'the decision step needs decision approved or refused' };
  }
  if (step !== 'decision' && decision)
    return { ok: false, next, reason: 'only the decision step takes a decision' };
  return { ok: true };
}

/** The step to record next, or null when the pathway is finished (or ended by a refusal). */
export function nextPathwayStep(recorded: readonly PathwayStep[], refused: boolean): PathwayStep | null {
  const furthest = recorded.reduce((max, s) => Math.max(max, PATHWAY_STEPS.indexOf(s)), -1);
  return furthest + 1 < PATHWAY_STEPS.length && !refused ? PATHWAY_STEPS[furthest + 1] : null;
}

export interface PathwayRecord {
  integrationModel: string;
  practitionerTrained: boolean;
  owner: PathwayOwner;
  /** Brokered model only. */
  handoffStatus: HandoffStatus | null;
  /** When the person was referred (the case opened). */
  referredAt: Date;
  steps: ReadonlyArray<{ step: PathwayStep; at: Date }>;
  /** decision step outcome, when recorded. */
  decision: 'approved' | 'refused' | null;
}

export interface StepFigure {
  step: PathwayStep;
  reached: number;
  /** Reached this step and went no further. */
  droppedAfter: number;
}

export interface PathwayMetrics {
  pathways: number;
  delivered: number;
  /** delivered / pathways, 0–1 with four decimals; null with no pathways. */
  conversion: number | null;
  /** Pathways with no step recorded at all (lost between referral and the first step). */
  droppedBeforeFirstStep: number;
  steps: StepFigure[];
  /** Brokered hand-offs: sent to the partner, accepted, and lost (declined or dropped). */
  handoff: { sent: number; accepted: number; dropped: number; dropOff: number | null };
  /** Median days between consecutive steps (from referral for the first step). */
  medianDaysBetween: Array<{
    from: PathwayStep | 'referral';
    to: PathwayStep;
    medianDays: number | null;
    n: number;
  }>;
  medianDaysReferralToDelivered: number | null;
}

export interface PathwayMetricsReport {
  all: PathwayMetrics;
  byIntegrationModel: Record<string, PathwayMetrics>;
  byTraining: { trained: PathwayMetrics; untrained: PathwayMetrics };
}

const DAY_MS = 86_400_000;

/** Median of numbers, two decimals; null when empty. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.round(m * 100) / 100;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Conversion, drop-off per step and hand-off, and median days between steps, for one set. */
export function pathwayMetrics(records: readonly PathwayRecord[]): PathwayMetrics {
  const furthest = records.map((r) =>
    r.steps.reduce((max, s) => Math.max(max, PATHWAY_STEPS.indexOf(s.step)), -1),
  );
  const steps: StepFigure[] = PATHWAY_STEPS.map((step, i) => ({
    step,
    reached: furthest.filter((f) => f >= i).length,
    droppedAfter: furthest.filter((f) => f === i).length,
  }));
  const deliveredIndex = PATHWAY_STEPS.indexOf('intervention_delivered');
  const delivered = furthest.filter((f) => f >= deliveredIndex).length;
  const at = (r: PathwayRecord, step: PathwayStep) => r.steps.find((s) => s.step === step)?.at;
  const medianDaysBetween = PATHWAY_STEPS.map((to, i) => {
    const from: PathwayStep | 'referral' = i === 0 ? 'referral' : PATHWAY_STEPS[i - 1];
    const gaps = records.flatMap((r) => {
      const start = from === 'referral' ? r.referredAt : at(r, from);
      const end = at(r, to);
      return start && end ? [(end.getTime() - start.getTime()) / DAY_MS] : [];
    });
    return { from, to, medianDays: median(gaps), n: gaps.length };
  });
  const toDelivered = records.flatMap((r) => {
    const end = at(r, 'intervention_delivered');
    return end ? [(end.getTime() - r.referredAt.getTime()) / DAY_MS] : [];
  });
  const brokered = records.filter((r) => r.handoffStatus !== null && r.handoffStatus !== 'pending');
  const accepted = brokered.filter((r) =>
    ['accepted', 'completed'].includes(r.handoffStatus as string),
  ).length;
  const dropped = brokered.filter((r) => ['declined', 'dropped'].includes(r.handoffStatus as string)).length;
  return {
    pathways: records.length,
    delivered,
    conversion: records.length ? round4(delivered / records.length) : null,
    droppedBeforeFirstStep: furthest.filter((f) => f === -1).length,
    steps,
    handoff: {
      sent: brokered.length,
      accepted,
      dropped,
      dropOff: brokered.length ? round4(dropped / brokered.length) : null,
    },
    medianDaysBetween,
    medianDaysReferralToDelivered: median(toDelivered),
  };
}

/** The hub manager's report: all pathways, by integration model, and by practitioner training. */
export function pathwayMetricsReport(records: readonly PathwayRecord[]): PathwayMetricsReport {
  const models = [...new Set(records.map((r) => r.integrationModel))].sort();
  return {
    all: pathwayMetrics(records),
    byIntegrationModel: Object.fromEntries(
      models.map((m) => [m, pathwayMetrics(records.filter((r) => r.integrationModel === m))]),
    ),
    byTraining: {
      trained: pathwayMetrics(records.filter((r) => r.practitionerTrained)),
      untrained: pathwayMetrics(records.filter((r) => !r.practitionerTrained)),
    },
  };
}
