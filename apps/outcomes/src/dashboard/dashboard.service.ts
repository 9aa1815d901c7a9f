import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  GetOutcomesDashboardV1,
  MeasureSummaryV1,
  OutcomesDashboardV1,
  OutcomeTimepoint,
  PathwayStep,
} from '@linkway/contracts';
import {
  CHANGE_MEASURES,
  hasEnoughPairsForComparison,
  type HubProfile,
  meanChangeFromSums,
  pathwayMetrics,
  type PathwayRecord,
  rateOf,
  SCALAR_MEASURE_RULES,
} from '@linkway/domain';
import { HUB_PROFILE } from '@linkway/platform';

/** Filters as SQL over outcome_case `c`, with their parameters numbered from `first`. */
export function caseFilterSql(filters: GetOutcomesDashboardV1, params: unknown[]): string {
  const clauses: string[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    clauses.push(sql(params.length));
  };
  if (filters.practitionerId) add((n) => `c.practitioner_id = $${n}`, filters.practitionerId);
  if (filters.referralSource) add((n) => `c.referral_source = $${n}`, filters.referralSource);
  if (filters.need) add((n) => `c.needs @> ARRAY[$${n}]::text[]`, filters.need);
  if (filters.integrationModel) add((n) => `c.integration_model = $${n}`, filters.integrationModel);
  if (filters.archetype) add((n) => `c.archetype = $${n}`, filters.archetype);
  return clauses.length ? ` AND ${clauses.join(' AND ')}` : '';
}

const hasCaseFilter = (f: GetOutcomesDashboardV1) =>
  Boolean(f.practitionerId || f.referralSource || f.need || f.integrationModel || f.archetype);

/** Period bounds as SQL on a column; an open end is unbounded. */
function periodSql(column: string, filters: GetOutcomesDashboardV1, params: unknown[]): string {
  const clauses: string[] = [];
  if (filters.from) {
    params.push(filters.from);
    clauses.push(`${column} >= $${params.length}`);
  }
  if (filters.to) {
    params.push(filters.to);
    clauses.push(`${column} < $${params.length}`);
  }
  return clauses.length ? ` AND ${clauses.join(' AND ')}` : '';
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const round = (v: number | null, d = 4) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);

export interface PairAggregate {
  measure: string;
  n: number;
  sum_baseline: string;
  sum_follow_up: string;
  sum_change: string;
  sum_squares: string;
  n_up: number;
  n_down: number;
}

/**
 * The hub dashboard, from the outcomes read model only. Outcome pairs: follow-ups recorded in
 * the period, each carrying its baseline's score (one index-only range scan, no join); everything
 * else is a count over the read model.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(HUB_PROFILE) private readonly profile: HubProfile,
  ) {}

  defaultFollowUp(): OutcomeTimepoint {
    const used = Object.keys(this.profile.outcomes.followUpDays) as OutcomeTimepoint[];
    return used.includes('end_of_support') ? 'end_of_support' : (used[used.length - 1] ?? 'end_of_support');
  }

  /** n, Σbaseline, Σfollow-up, Σd, Σd², and how many moved up or down by at least the measure's threshold. */
  async pairAggregates(
    filters: GetOutcomesDashboardV1,
    followUp: OutcomeTimepoint,
  ): Promise<PairAggregate[]> {
    const params: unknown[] = [followUp];
    const thresholds = CHANGE_MEASURES.map(
      (m) => `('${m}', ${SCALAR_MEASURE_RULES[m].minChange}::numeric)`,
    ).join(', ');
    const period = periodSql('f.recorded_at', filters, params);
    const caseJoin = hasCaseFilter(filters)
      ? `JOIN outcome_case c ON c.case_id = f.case_id${caseFilterSql(filters, params)}`
      : '';
    return this.dataSource.query<PairAggregate[]>(
      `SELECT f.measure,
              count(*)::int AS n,
              sum(f.baseline_score) AS sum_baseline,
              sum(f.score) AS sum_follow_up,
              sum(f.score - f.baseline_score) AS sum_change,
              sum((f.score - f.baseline_score) * (f.score - f.baseline_score)) AS sum_squares,
              count(*) FILTER (WHERE f.score - f.baseline_score >= t.min_change)::int AS n_up,
              count(*) FILTER (WHERE f.baseline_score - f.score >= t.min_change)::int AS n_down
         FROM outcome_record f
         JOIN (VALUES ${thresholds}) AS t(measure, min_change) ON t.measure = f.measure
         ${caseJoin}
        WHERE f.timepoint = $1 AND f.baseline_score IS NOT NULL${period}
        GROUP BY f.measure ORDER BY f.measure`,
      params,
    );
  }

  async get(filters: GetOutcomesDashboardV1): Promise<OutcomesDashboardV1> {
    const followUp = filters.followUp ?? this.defaultFollowUp();
    const aggregates = await this.pairAggregates(filters, followUp);
    const wanted = filters.measures?.length ? new Set(filters.measures) : null;
    const outcomes: MeasureSummaryV1[] = aggregates
      .filter((a) => !a.measure.startsWith('health_') && (!wanted || wanted.has(a.measure)))
      .map((a) => {
        const rule = SCALAR_MEASURE_RULES[a.measure];
        const change = meanChangeFromSums({
          n: a.n,
          sumChange: num(a.sum_change),
          sumSquares: num(a.sum_squares),
        });
        const nImproved = rule.direction === 'higher_is_better' ? a.n_up : a.n_down;
        return {
          measure: a.measure,
          direction: rule.direction,
          nPaired: a.n,
          meanBaseline: round(rateOf(num(a.sum_baseline), a.n)),
          meanFollowUp: round(rateOf(num(a.sum_follow_up), a.n)),
          meanChange: round(change?.meanChange ?? null),
          sd: round(change?.sd ?? null),
          ci95: change?.ci95
            ? { lower: round(change.ci95.lower) as number, upper: round(change.ci95.upper) as number }
            : null,
          nImproved,
          shareImproved: round(rateOf(nImproved, a.n)),
        };
      });
    const healthUse = aggregates
      .filter((a) => a.measure.startsWith('health_'))
      .map((a) => ({
        item: a.measure,
        nPaired: a.n,
        baselineSum: num(a.sum_baseline),
        followUpSum: num(a.sum_follow_up),
        changePerPerson: round(rateOf(num(a.sum_change), a.n)),
        nReduced: a.n_down,
      }));
    const [readmissions, completion, pathway, partners, homeEnvironment] = await Promise.all([
      this.readmissions(filters),
      this.completion(filters),
      this.pathway(filters),
      this.partners(filters),
      this.homeEnvironment(filters),
    ]);
    const swemwbs = outcomes.find((o) => o.measure === 'swemwbs');
    return {
      filters: { ...filters, followUp },
      outcomes,
      swemwbsEnoughForComparison: hasEnoughPairsForComparison(swemwbs?.nPaired ?? 0),
      healthUse,
      readmissions,
      readmissionBaselineRate: this.profile.outcomes.readmissionBaselineRate ?? null,
      completion,
      pathway: { ...pathway, homeEnvironment },
      partners,
    };
  }

  /** Stroke navigation's readmissions, per timepoint (only for a hub whose profile records them). */
  private async readmissions(filters: GetOutcomesDashboardV1) {
    if (!this.profile.outcomes.measures.includes('readmissions')) return [];
    const params: unknown[] = [];
    const period = periodSql('r.recorded_at', filters, params);
    const cases = caseFilterSql(filters, params);
    const rows = await this.dataSource.query<
      Array<{ timepoint: OutcomeTimepoint; n: number; readmitted: number }>
    >(
      `SELECT r.timepoint, count(*)::int AS n, count(*) FILTER (WHERE r.score = 1)::int AS readmitted
         FROM outcome_record r JOIN outcome_case c ON c.case_id = r.case_id
        WHERE r.timepoint IN ('six_week', 'six_month') AND r.measure = 'readmission'${period}${cases}
        GROUP BY r.timepoint ORDER BY r.timepoint DESC`,
      params,
    );
    return rows.map((r) => ({ ...r, rate: round(rateOf(r.readmitted, r.n)) }));
  }

  /** Recordings that fell due in the period (and are due by now), and how many were made. */
  private async completion(filters: GetOutcomesDashboardV1) {
    const params: unknown[] = [];
    const period = periodSql('d.due_at', filters, params);
    const cases = caseFilterSql(filters, params);
    const [row] = await this.dataSource.query<Array<{ due: number; recorded: number }>>(
      `SELECT count(*)::int AS due, count(*) FILTER (WHERE d.status = 'recorded')::int AS recorded
         FROM outcome_due d JOIN outcome_case c ON c.case_id = d.case_id
        WHERE d.status <> 'cancelled' AND d.due_at <= now()${period}${cases}`,
      params,
    );
    return { due: row.due, recorded: row.recorded, rate: round(rateOf(row.recorded, row.due)) };
  }

  private async pathway(filters: GetOutcomesDashboardV1) {
    const rParams: unknown[] = [];
    const rClauses: string[] = [];
    const rPeriod = periodSql('r.received_at', filters, rParams);
    if (filters.referralSource) {
      rParams.push(filters.referralSource);
      rClauses.push(` AND r.referral_source = $${rParams.length}`);
    }
    if (filters.need) {
      rParams.push(filters.need);
      rClauses.push(` AND r.needs @> ARRAY[$${rParams.length}]::text[]`);
    }
    if (filters.integrationModel) {
      rParams.push(filters.integrationModel);
      rClauses.push(` AND r.integration_model = $${rParams.length}`);
    }
    const [referrals] = await this.dataSource.query<Array<{ received: number; accepted: number }>>(
      `SELECT count(*)::int AS received, count(*) FILTER (WHERE r.status = 'accepted')::int AS accepted
         FROM outcome_referral r WHERE true${rPeriod}${rClauses.join('')}`,
      rParams,
    );
    const params: unknown[] = [];
    const period = periodSql('c.opened_at', filters, params);
    const cases = caseFilterSql(filters, params);
    // mean and median computed in SQL: no per-case values leave the database
    const [opened] = await this.dataSource.query<
      Array<{ opened: number; contacted: number; mean_days: string | null; median_days: string | null }>
    >(
      `SELECT count(*)::int AS opened, count(c.first_contact_at)::int AS contacted,
              avg(EXTRACT(EPOCH FROM (c.first_contact_at - c.opened_at)) / 86400) AS mean_days,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (c.first_contact_at - c.opened_at)) / 86400)
                FILTER (WHERE c.first_contact_at IS NOT NULL) AS median_days
         FROM outcome_case c WHERE true${period}${cases}`,
      params,
    );
    const cParams: unknown[] = [];
    const cPeriod = periodSql('c.closed_at', filters, cParams);
    const cCases = caseFilterSql(filters, cParams);
    const closed = await this.dataSource.query<Array<{ reason: string; n: number; contacts: number }>>(
      `SELECT c.closure_reason AS reason, count(*)::int AS n, sum(c.contacts_attended)::int AS contacts
         FROM outcome_case c WHERE c.closed_at IS NOT NULL${cPeriod}${cCases}
        GROUP BY c.closure_reason ORDER BY c.closure_reason`,
      cParams,
    );
    const closedCount = closed.reduce((s, r) => s + r.n, 0);
    const completed = closed.find((r) => r.reason === 'completed')?.n ?? 0;
    const contacts = closed.reduce((s, r) => s + r.contacts, 0);
    return {
      referralsReceived: referrals.received,
      referralsAccepted: referrals.accepted,
      casesOpened: opened.opened,
      casesWithFirstContact: opened.contacted,
      casesClosed: closedCount,
      casesCompleted: completed,
      closedByReason: Object.fromEntries(closed.map((r) => [r.reason, r.n])),
      conversion: {
        acceptedOfReceived: round(rateOf(referrals.accepted, referrals.received)),
        contactedOfOpened: round(rateOf(opened.contacted, opened.opened)),
        completedOfOpened: round(rateOf(completed, opened.opened)),
      },
      dropOff: {
        beforeFirstContact: opened.opened - opened.contacted,
        closedNotCompleted: closedCount - completed,
      },
      daysToFirstContact: {
        n: opened.contacted,
        mean: opened.mean_days === null ? null : round(Number(opened.mean_days), 2),
        median: opened.median_days === null ? null : round(Number(opened.median_days), 2),
      },
      contactsPerClosedCase: { n: closedCount, mean: round(rateOf(contacts, closedCount), 2) },
    };
  }

  /** Per partner: onward referrals sent in the period, answered, feedback given, median days to answer. */
  private async partners(filters: GetOutcomesDashboardV1) {
    const params: unknown[] = [];
    const period = periodSql('o.sent_at', filters, params);
    const cases = caseFilterSql(filters, params);
    const rows = await this.dataSource.query<
      Array<{
        partner: string;
        sent: number;
        answered: number;
        completed: number;
        feedback: number;
        median_days: string | null;
      }>
    >(
      `SELECT o.partner_organisation_id AS partner, count(*)::int AS sent,
              count(o.answered_at)::int AS answered,
              count(o.feedback_at)::int AS feedback,
              count(*) FILTER (WHERE o.status = 'completed')::int AS completed,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY o.response_seconds / 86400.0) AS median_days
         FROM outcome_onward_referral o JOIN outcome_case c ON c.case_id = o.case_id
        WHERE o.sent_at IS NOT NULL${period}${cases}
        GROUP BY o.partner_organisation_id ORDER BY o.partner_organisation_id`,
      params,
    );
    return rows.map((r) => ({
      partnerOrganisationId: r.partner,
      sent: r.sent,
      answered: r.answered,
      feedbackRate: round(rateOf(r.answered, r.sent)),
      feedbackReceived: r.feedback,
      medianResponseDays: r.median_days === null ? null : round(Number(r.median_days), 2),
      completed: r.completed,
    }));
  }

  /** Home-environment pathway conversion and drop-off, with casework's own metric rules. */
  private async homeEnvironment(filters: GetOutcomesDashboardV1) {
    const params: unknown[] = [];
    const period = periodSql('c.opened_at', filters, params);
    const cases = caseFilterSql(filters, params);
    const rows = await this.dataSource.query<
      Array<{
        case_id: string;
        opened_at: Date;
        step: PathwayStep;
        at: Date;
        decision: string | null;
        integration_model: string;
        practitioner_trained: boolean;
        owner: 'hub' | 'partner';
      }>
    >(
      `SELECT c.case_id, c.opened_at, s.step, s.at, s.decision, s.integration_model, s.practitioner_trained, s.owner
         FROM outcome_pathway_step s JOIN outcome_case c ON c.case_id = s.case_id
        WHERE true${period}${cases} ORDER BY c.case_id, s.at`,
      params,
    );
    const byCase = new Map<string, PathwayRecord>();
    for (const r of rows) {
      const record = byCase.get(r.case_id) ?? {
        integrationModel: r.integration_model,
        practitionerTrained: r.practitioner_trained,
        owner: r.owner,
        handoffStatus: null,
        referredAt: new Date(r.opened_at),
        steps: [],
        decision: null,
      };
      byCase.set(r.case_id, {
        ...record,
        steps: [...record.steps, { step: r.step, at: new Date(r.at) }],
        decision: (r.decision as PathwayRecord['decision']) ?? record.decision,
      });
    }
    return pathwayMetrics([...byCase.values()]);
  }
}
