import { HOME_ENVIRONMENT_STEPS, type HubSnapshotV1 } from '@linkway/contracts';
import {
  type PublishedCount,
  type PublishedStatistic,
  SUPPRESSED,
  protectCount,
  protectMean,
  protectStatistic,
  protectTable,
  publishedRate,
} from '@linkway/domain';
import { histogramMedian, type RawTotals, standardDeviation, totalsOf } from './aggregate';

/*
 * Every figure the federation outputs is built here, from raw exact totals, through the NHS
 * disclosure-control rules in @linkway/domain: counts through protectTable (every cell and every
 * total protected from its raw value, with secondary suppression where a `*` could be pinned
 * down by subtraction), means and medians withheld over 1–7 people, percentages only from the
 * published (rounded) counts. Nothing here returns a raw count.
 */

export interface HubInfo {
  hubId: string;
  name: string;
  archetype: string;
  integrationModel: string;
  population: number;
  lastSnapshotAt: string | null;
  stale: boolean;
}

export interface ReportInput {
  hubs: readonly HubInfo[];
  /** The newest version of every (hub, period) in the range. */
  snapshots: readonly HubSnapshotV1[];
}

export type Counts = Record<string, PublishedCount>;

export interface ProtectedGrid {
  rows: { key: string; counts: Counts; total?: PublishedCount }[];
  totals: { counts: Counts; total?: PublishedCount };
}

/**
 * A rows × columns table of raw counts, protected as a whole. A table the audit cannot make safe
 * (residual disclosures; only ever all-tiny tables) is withheld: every non-zero figure becomes `*`.
 */
export function protectGrid(
  rows: readonly { key: string; values: Record<string, number> }[],
  columns: readonly string[],
  opts: { rowTotals?: boolean } = {},
): ProtectedGrid {
  const input = rows.map((r) => ({
    key: r.key,
    ...Object.fromEntries(columns.map((c) => [c, r.values[c] ?? 0])),
  }));
  const table = protectTable<'key', string>(input as never, {
    groupBy: ['key'],
    countColumns: columns,
    totals: { rowTotals: opts.rowTotals ?? false, columnTotals: true },
  });
  const grid: ProtectedGrid = {
    rows: table.rows.map((r) => ({
      key: String(r.group.key),
      counts: r.counts,
      ...(r.total !== undefined ? { total: r.total } : {}),
    })),
    totals: {
      counts: table.columnTotals?.counts ?? {},
      ...(table.columnTotals?.total !== undefined ? { total: table.columnTotals.total } : {}),
    },
  };
  if (table.residualDisclosures > 0) withhold(grid);
  return grid;
}

function withhold(grid: ProtectedGrid): void {
  const hide = (counts: Counts) => {
    for (const k of Object.keys(counts)) if (counts[k] !== 0) counts[k] = SUPPRESSED;
  };
  for (const r of grid.rows) {
    hide(r.counts);
    if (r.total !== undefined && r.total !== 0) r.total = SUPPRESSED;
  }
  hide(grid.totals.counts);
  if (grid.totals.total !== undefined && grid.totals.total !== 0) grid.totals.total = SUPPRESSED;
}

const mean = (sum: number, n: number): PublishedStatistic =>
  protectMean({ mean: n ? sum / n : 0, n }, { decimals: 2 });
const pct = (num: PublishedCount, den: PublishedCount) => publishedRate(num, den, { decimals: 1 });

function byHub(input: ReportInput): Map<string, RawTotals> {
  const groups = new Map<string, HubSnapshotV1[]>(input.hubs.map((h) => [h.hubId, []]));
  for (const s of input.snapshots) groups.set(s.hubId, [...(groups.get(s.hubId) ?? []), s]);
  return new Map([...groups].map(([hubId, list]) => [hubId, totalsOf(list)]));
}

const hubMeta = (input: ReportInput, hubId: string) => {
  const h = input.hubs.find((x) => x.hubId === hubId);
  return {
    hubId,
    hubName: h?.name ?? hubId,
    archetype: h?.archetype ?? 'unknown',
    integrationModel: h?.integrationModel ?? 'unknown',
  };
};

const OVERVIEW_COLUMNS = [
  'received',
  'accepted',
  'declined',
  'signposted',
  'casesOpened',
  'casesClosed',
] as const;

const overviewValues = (t: RawTotals): Record<string, number> => ({
  received: t.received,
  accepted: t.accepted,
  declined: t.declined,
  signposted: t.signposted,
  casesOpened: t.opened,
  casesClosed: t.closed,
});

function overviewStats(counts: Counts, t: RawTotals) {
  return {
    acceptancePct: pct(counts.accepted, counts.received),
    declinePct: pct(counts.declined, counts.received),
    contactsPerCase: mean(t.contactsSum, t.closedWithContacts),
  };
}

/** Referrals, acceptance and decline, cases and contacts per case: per hub and ICS-wide. */
export function overviewReport(input: ReportInput) {
  const hubs = byHub(input);
  const grid = protectGrid(
    [...hubs].map(([key, t]) => ({ key, values: overviewValues(t) })),
    OVERVIEW_COLUMNS,
  );
  const ics = totalsOf(input.snapshots);
  return {
    columns: [...OVERVIEW_COLUMNS],
    rows: grid.rows.map((r) => ({
      ...hubMeta(input, r.key),
      counts: r.counts,
      ...overviewStats(r.counts, hubs.get(r.key) as RawTotals),
    })),
    ics: { counts: grid.totals.counts, ...overviewStats(grid.totals.counts, ics) },
  };
}

/** Referrals by source or by presenting need: hubs × keys with row and column totals. */
export function referralsReport(input: ReportInput, dimension: 'source' | 'need') {
  const hubs = byHub(input);
  const pickMap = (t: RawTotals) => (dimension === 'source' ? t.bySource : t.byNeed);
  const columns = [...new Set([...hubs.values()].flatMap((t) => [...pickMap(t).keys()]))].sort();
  const grid = protectGrid(
    [...hubs].map(([key, t]) => ({ key, values: Object.fromEntries(pickMap(t)) })),
    columns,
    { rowTotals: true },
  );
  return {
    dimension,
    columns,
    rows: grid.rows.map((r) => ({ ...hubMeta(input, r.key), counts: r.counts, total: r.total })),
    ics: grid.totals,
  };
}

function measureStats(
  m: { nPaired: number; sumChange: number; sumSquares: number; nImproved: number } | undefined,
  n: PublishedCount,
) {
  const raw = m ?? { nPaired: 0, sumChange: 0, sumSquares: 0, nImproved: 0 };
  return {
    nPaired: n,
    meanChange: mean(raw.sumChange, raw.nPaired),
    sdChange: protectStatistic(standardDeviation(raw.nPaired, raw.sumChange, raw.sumSquares), raw.nPaired, {
      decimals: 2,
    }),
    improvedPct: pct(protectCount(raw.nImproved), n),
  };
}

/** Paired change per outcome measure: per hub and ICS-wide. */
export function outcomesReport(input: ReportInput) {
  const hubs = byHub(input);
  const ics = totalsOf(input.snapshots);
  const measures = [...ics.outcomes.keys()].sort();
  const grid = protectGrid(
    [...hubs].map(([key, t]) => ({
      key,
      values: Object.fromEntries(measures.map((m) => [m, t.outcomes.get(m)?.nPaired ?? 0])),
    })),
    measures,
  );
  const stats = (t: RawTotals, counts: Counts) =>
    Object.fromEntries(measures.map((m) => [m, measureStats(t.outcomes.get(m), counts[m])]));
  return {
    measures,
    rows: grid.rows.map((r) => ({
      ...hubMeta(input, r.key),
      measures: stats(hubs.get(r.key) as RawTotals, r.counts),
    })),
    ics: { measures: stats(ics, grid.totals.counts) },
  };
}

/** Health and care use before and after support (same paired people): per hub and ICS-wide. */
export function healthUseReport(input: ReportInput) {
  const hubs = byHub(input);
  const ics = totalsOf(input.snapshots);
  const kinds = [...ics.healthUse.keys()];
  const grid = protectGrid(
    [...hubs].map(([key, t]) => ({
      key,
      values: Object.fromEntries(kinds.map((k) => [k, t.healthUse.get(k)?.nPaired ?? 0])),
    })),
    kinds,
  );
  const stats = (t: RawTotals, counts: Counts) =>
    Object.fromEntries(
      kinds.map((k) => {
        const h = t.healthUse.get(k) ?? { nPaired: 0, baselineSum: 0, followUpSum: 0, nReduced: 0 };
        return [
          k,
          {
            nPaired: counts[k],
            baselineMean: mean(h.baselineSum, h.nPaired),
            followUpMean: mean(h.followUpSum, h.nPaired),
            meanChange: mean(h.followUpSum - h.baselineSum, h.nPaired),
            reducedPct: pct(protectCount(h.nReduced), counts[k]),
          },
        ];
      }),
    );
  return {
    kinds,
    rows: grid.rows.map((r) => ({
      ...hubMeta(input, r.key),
      kinds: stats(hubs.get(r.key) as RawTotals, r.counts),
    })),
    ics: { kinds: stats(ics, grid.totals.counts) },
  };
}

const STEPS = [...HOME_ENVIRONMENT_STEPS];

/**
 * Drop-off is shown as a percentage of the published counts of neighbouring steps, not as its own
 * count: a separately rounded drop-off count would add a sum constraint an attacker could use.
 */
function funnelStats(counts: Counts) {
  const first = STEPS[0];
  const last = STEPS[STEPS.length - 1];
  return {
    conversionPct: pct(counts[last], counts[first]),
    steps: STEPS.slice(1).map((step, i) => {
      const passed = pct(counts[step], counts[STEPS[i]]);
      return {
        from: STEPS[i],
        to: step,
        passedPct: passed,
        dropOffPct: typeof passed === 'number' ? roundOne(100 - passed) : passed,
      };
    }),
  };
}

const roundOne = (x: number) => Math.round(x * 10) / 10;

/** The home-environment pathway: households reaching each step, conversion and drop-off. */
export function homeEnvironmentReport(input: ReportInput) {
  const hubs = byHub(input);
  const grid = protectGrid(
    [...hubs].map(([key, t]) => ({ key, values: Object.fromEntries(STEPS.map((s, i) => [s, t.funnel[i]])) })),
    STEPS,
  );
  return {
    steps: STEPS,
    rows: grid.rows.map((r) => ({ ...hubMeta(input, r.key), counts: r.counts, ...funnelStats(r.counts) })),
    ics: { counts: grid.totals.counts, ...funnelStats(grid.totals.counts) },
  };
}

function feedbackStats(counts: Counts, t: RawTotals) {
  const { median, n } = histogramMedian(t.responseDays);
  return {
    responseRatePct: pct(counts.answered, counts.sent),
    medianResponseDays: protectStatistic(median, n, { decimals: 1 }),
  };
}

/** Partner feedback on onward referrals: sent, answered, response rate, median days to answer. */
export function partnerFeedbackReport(input: ReportInput) {
  const hubs = byHub(input);
  const ics = totalsOf(input.snapshots);
  const grid = protectGrid(
    [...hubs].map(([key, t]) => ({ key, values: { sent: t.feedbackSent, answered: t.feedbackAnswered } })),
    ['sent', 'answered'],
  );
  return {
    rows: grid.rows.map((r) => ({
      ...hubMeta(input, r.key),
      counts: r.counts,
      ...feedbackStats(r.counts, hubs.get(r.key) as RawTotals),
    })),
    ics: { counts: grid.totals.counts, ...feedbackStats(grid.totals.counts, ics) },
  };
}

export const COMPARE_DIMENSIONS = ['integrationModel', 'archetype'] as const;
export type CompareDimension = (typeof COMPARE_DIMENSIONS)[number];
const COMPARE_COLUMNS = [
  'received',
  'accepted',
  'casesClosed',
  'homeIdentified',
  'homeDelivered',
  'feedbackSent',
  'feedbackAnswered',
];

/** Groups of hubs side by side (by integration model or archetype): the "which model works" view. */
export function compareReport(input: ReportInput, by: CompareDimension) {
  const groupOf = (hubId: string) => {
    const h = input.hubs.find((x) => x.hubId === hubId);
    return (by === 'archetype' ? h?.archetype : h?.integrationModel) ?? 'unknown';
  };
  const groups = new Map<string, HubSnapshotV1[]>();
  for (const h of input.hubs) groups.set(groupOf(h.hubId), groups.get(groupOf(h.hubId)) ?? []);
  for (const s of input.snapshots) groups.set(groupOf(s.hubId), [...(groups.get(groupOf(s.hubId)) ?? []), s]);
  const totals = new Map([...groups].map(([g, list]) => [g, totalsOf(list)]));
  const last = HOME_ENVIRONMENT_STEPS.length - 1;
  const values = (t: RawTotals) => ({
    received: t.received,
    accepted: t.accepted,
    casesClosed: t.closed,
    homeIdentified: t.funnel[0],
    homeDelivered: t.funnel[last],
    feedbackSent: t.feedbackSent,
    feedbackAnswered: t.feedbackAnswered,
  });
  const grid = protectGrid(
    [...totals].map(([key, t]) => ({ key, values: values(t) })),
    COMPARE_COLUMNS,
  );
  const ics = totalsOf(input.snapshots);
  const stats = (counts: Counts, t: RawTotals) => ({
    acceptancePct: pct(counts.accepted, counts.received),
    contactsPerCase: mean(t.contactsSum, t.closedWithContacts),
    homeConversionPct: pct(counts.homeDelivered, counts.homeIdentified),
    feedbackResponsePct: pct(counts.feedbackAnswered, counts.feedbackSent),
    meanChange: Object.fromEntries([...t.outcomes].map(([m, o]) => [m, mean(o.sumChange, o.nPaired)])),
  });
  return {
    by,
    columns: COMPARE_COLUMNS,
    rows: grid.rows.map((r) => ({
      group: r.key,
      hubs: input.hubs.filter((h) => groupOf(h.hubId) === r.key).map((h) => h.hubId),
      counts: r.counts,
      ...stats(r.counts, totals.get(r.key) as RawTotals),
    })),
    ics: { counts: grid.totals.counts, ...stats(grid.totals.counts, ics) },
  };
}

const TREND_COLUMNS = [
  'received',
  'accepted',
  'casesOpened',
  'casesClosed',
  'homeDelivered',
  'feedbackAnswered',
];

/** ICS-wide (or one group's) figures by period, oldest first. */
export function trendsReport(input: ReportInput) {
  const byPeriod = new Map<string, HubSnapshotV1[]>();
  for (const s of input.snapshots) byPeriod.set(s.period.key, [...(byPeriod.get(s.period.key) ?? []), s]);
  const periods = [...byPeriod.keys()].sort();
  const last = HOME_ENVIRONMENT_STEPS.length - 1;
  const totals = new Map(periods.map((p) => [p, totalsOf(byPeriod.get(p) ?? [])]));
  const grid = protectGrid(
    periods.map((p) => {
      const t = totals.get(p) as RawTotals;
      return {
        key: p,
        values: {
          received: t.received,
          accepted: t.accepted,
          casesOpened: t.opened,
          casesClosed: t.closed,
          homeDelivered: t.funnel[last],
          feedbackAnswered: t.feedbackAnswered,
        },
      };
    }),
    TREND_COLUMNS,
  );
  return {
    columns: TREND_COLUMNS,
    rows: grid.rows.map((r) => {
      const t = totals.get(r.key) as RawTotals;
      const swemwbs = t.outcomes.get('swemwbs');
      return {
        period: r.key,
        counts: r.counts,
        acceptancePct: pct(r.counts.accepted, r.counts.received),
        swemwbsMeanChange: mean(swemwbs?.sumChange ?? 0, swemwbs?.nPaired ?? 0),
      };
    }),
    total: { counts: grid.totals.counts },
  };
}

export const REPORTS = {
  overview: overviewReport,
  'referrals-by-source': (i: ReportInput) => referralsReport(i, 'source'),
  'referrals-by-need': (i: ReportInput) => referralsReport(i, 'need'),
  outcomes: outcomesReport,
  'health-use': healthUseReport,
  'home-environment': homeEnvironmentReport,
  'partner-feedback': partnerFeedbackReport,
  'compare-integration-model': (i: ReportInput) => compareReport(i, 'integrationModel'),
  'compare-archetype': (i: ReportInput) => compareReport(i, 'archetype'),
  trends: trendsReport,
} as const;
export type ReportName = keyof typeof REPORTS;
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];
