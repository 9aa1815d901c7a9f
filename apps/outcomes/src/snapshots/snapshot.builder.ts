import {
  HEALTH_USE_KINDS,
  HOME_ENVIRONMENT_STEPS,
  type HealthUseKind,
  type HomeEnvironmentStep,
  type HubArchetype,
  type HubSnapshotV1,
  type IntegrationModel,
  PATHWAY_STEPS,
  type PathwayStep,
} from '@linkway/contracts';
import {
  type Archetype,
  HEALTH_USE_SCALAR,
  PRESENTING_NEED_CODES,
  REFERRER_TYPES,
  SCALAR_MEASURE_RULES,
} from '@linkway/domain';

/** Hub-profile archetype → the federation's archetype code. */
export const SNAPSHOT_ARCHETYPE: Readonly<Record<Archetype, HubArchetype>> = {
  pcn_link_workers: 'pcn_link_workers',
  community_centre: 'community_centre',
  volunteer_navigators: 'volunteer_navigators',
  frail_elderly_navigation: 'frail_elderly',
  self_funder_navigation: 'self_funder',
  mental_health_recovery: 'mental_health_recovery',
  stroke_navigation: 'stroke',
  vcse_connector: 'vcse_connector',
  home_environment_navigation: 'home_environment',
};

export const SNAPSHOT_HEALTH_USE_KIND: Readonly<Record<string, HealthUseKind>> = {
  [HEALTH_USE_SCALAR.gpConsultations]: 'gp_consultations',
  [HEALTH_USE_SCALAR.aeAttendances]: 'ae_attendances',
  [HEALTH_USE_SCALAR.outpatientAppointments]: 'outpatient',
  [HEALTH_USE_SCALAR.inpatientAdmissions]: 'inpatient',
};

/** Casework's nine pathway steps folded into the federation's six (furthest step reached). */
const FUNNEL_OF_STEP: Readonly<Record<PathwayStep, HomeEnvironmentStep>> = {
  eligibility_check: 'screened',
  forms_completed: 'referred_on',
  council_contacted: 'referred_on',
  assessment_booked: 'assessed',
  assessment_done: 'assessed',
  decision: 'decided',
  intervention_scheduled: 'decided',
  intervention_delivered: 'intervention_delivered',
  delivery_confirmed: 'intervention_delivered',
};

export interface SnapshotFacts {
  referralsBySource: Array<{ key: string; count: number }>;
  referralsByNeed: Array<{ key: string; count: number }>;
  referralsByStatus: Record<string, number>;
  cases: HubSnapshotV1['cases'];
  pairs: Array<{
    measure: string;
    n: number;
    sumBaseline: number;
    sumFollowUp: number;
    sumChange: number;
    sumSquares: number;
    nUp: number;
    nDown: number;
  }>;
  /** Per case opened in the period: screened positive at intake, and the furthest pathway step. */
  homeEnvironment: Array<{ screenedPositive: boolean; furthest: PathwayStep | null }>;
  partnerFeedback: { sent: number; answered: number; responseDays: Array<{ days: number; count: number }> };
}

/**
 * Keys leave the hub only when they are codes of a closed vocabulary: anything else (a typo, or
 * a name pasted into a code field upstream) is counted under `other`, so free text cannot cross.
 */
function coded(rows: Array<{ key: string; count: number }>, vocabulary: readonly string[]) {
  const counts = new Map<string, number>();
  for (const { key, count } of rows) {
    const safe = vocabulary.includes(key) ? key : 'other';
    counts.set(safe, (counts.get(safe) ?? 0) + count);
  }
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => a.key.localeCompare(b.key));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The snapshot body (everything but version and builtAt) from aggregate facts; pure. */
export function snapshotBody(
  hub: {
    hubId: string;
    hubName: string;
    archetype: Archetype;
    integrationModel: IntegrationModel;
    population: number;
  },
  period: HubSnapshotV1['period'],
  facts: SnapshotFacts,
): Omit<HubSnapshotV1, 'version' | 'builtAt'> {
  const stepIndex = (s: HomeEnvironmentStep) => HOME_ENVIRONMENT_STEPS.indexOf(s);
  const furthest = facts.homeEnvironment
    .filter((c) => c.screenedPositive || c.furthest !== null)
    .map((c) => (c.furthest === null ? 0 : stepIndex(FUNNEL_OF_STEP[c.furthest])));
  return {
    hubId: hub.hubId,
    hubName: hub.hubName,
    archetype: SNAPSHOT_ARCHETYPE[hub.archetype],
    integrationModel: hub.integrationModel,
    population: hub.population,
    period,
    referrals: {
      bySource: coded(facts.referralsBySource, REFERRER_TYPES),
      byNeed: coded(facts.referralsByNeed, PRESENTING_NEED_CODES),
      received: Object.values(facts.referralsByStatus).reduce((s, n) => s + n, 0),
      accepted: facts.referralsByStatus.accepted ?? 0,
      declined: facts.referralsByStatus.declined ?? 0,
      signposted: facts.referralsByStatus.signposted ?? 0,
    },
    cases: facts.cases,
    outcomes: facts.pairs
      .filter((p) => SCALAR_MEASURE_RULES[p.measure] && !SNAPSHOT_HEALTH_USE_KIND[p.measure])
      .map((p) => ({
        measure: p.measure,
        nPaired: p.n,
        sumChange: round2(p.sumChange),
        sumSquares: round2(p.sumSquares),
        nImproved: SCALAR_MEASURE_RULES[p.measure].direction === 'higher_is_better' ? p.nUp : p.nDown,
      })),
    healthUse: HEALTH_USE_KINDS.flatMap((kind) => {
      const p = facts.pairs.find((x) => SNAPSHOT_HEALTH_USE_KIND[x.measure] === kind);
      return p
        ? [
            {
              kind,
              nPaired: p.n,
              baselineSum: Math.round(p.sumBaseline),
              followUpSum: Math.round(p.sumFollowUp),
              nReduced: p.nDown,
            },
          ]
        : [];
    }),
    homeEnvironment: HOME_ENVIRONMENT_STEPS.map((step, i) => ({
      step,
      reached: furthest.filter((f) => f >= i).length,
    })),
    partnerFeedback: facts.partnerFeedback,
  };
}

/** Steps in casework order, for SQL that picks the furthest one. */
export const PATHWAY_STEP_ORDER: readonly PathwayStep[] = PATHWAY_STEPS;
