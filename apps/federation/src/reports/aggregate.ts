import { HEALTH_USE_KINDS, HOME_ENVIRONMENT_STEPS, type HubSnapshotV1 } from '@linkway/contracts';

/**
 * Raw totals over any set of snapshots: plain sums of the hubs' sums and counts, so an ICS or
 * group figure is exact. Never published as such; reports protect them first.
 */
export interface RawTotals {
  snapshots: number;
  received: number;
  accepted: number;
  declined: number;
  signposted: number;
  bySource: Map<string, number>;
  byNeed: Map<string, number>;
  opened: number;
  closed: number;
  contactsSum: number;
  closedWithContacts: number;
  outcomes: Map<string, { nPaired: number; sumChange: number; sumSquares: number; nImproved: number }>;
  healthUse: Map<string, { nPaired: number; baselineSum: number; followUpSum: number; nReduced: number }>;
  funnel: number[];
  feedbackSent: number;
  feedbackAnswered: number;
  responseDays: Map<number, number>;
}

export function emptyTotals(): RawTotals {
  return {
    snapshots: 0,
    received: 0,
    accepted: 0,
    declined: 0,
    signposted: 0,
    bySource: new Map(),
    byNeed: new Map(),
    opened: 0,
    closed: 0,
    contactsSum: 0,
    closedWithContacts: 0,
    outcomes: new Map(),
    healthUse: new Map(
      HEALTH_USE_KINDS.map((k) => [k, { nPaired: 0, baselineSum: 0, followUpSum: 0, nReduced: 0 }]),
    ),
    funnel: HOME_ENVIRONMENT_STEPS.map(() => 0),
    feedbackSent: 0,
    feedbackAnswered: 0,
    responseDays: new Map(),
  };
}

const add = <K>(map: Map<K, number>, key: K, n: number) => map.set(key, (map.get(key) ?? 0) + n);

export function addSnapshot(t: RawTotals, s: HubSnapshotV1): RawTotals {
  t.snapshots += 1;
  t.received += s.referrals.received;
  t.accepted += s.referrals.accepted;
  t.declined += s.referrals.declined;
  t.signposted += s.referrals.signposted;
  for (const { key, count } of s.referrals.bySource) add(t.bySource, key, count);
  for (const { key, count } of s.referrals.byNeed) add(t.byNeed, key, count);
  t.opened += s.cases.opened;
  t.closed += s.cases.closed;
  t.contactsSum += s.cases.contactsSum;
  t.closedWithContacts += s.cases.closedWithContacts;
  for (const m of s.outcomes) {
    const agg = t.outcomes.get(m.measure) ?? { nPaired: 0, sumChange: 0, sumSquares: 0, nImproved: 0 };
    agg.nPaired += m.nPaired;
    agg.sumChange += m.sumChange;
    agg.sumSquares += m.sumSquares;
    agg.nImproved += m.nImproved;
    t.outcomes.set(m.measure, agg);
  }
  for (const h of s.healthUse) {
    const agg = t.healthUse.get(h.kind) ?? { nPaired: 0, baselineSum: 0, followUpSum: 0, nReduced: 0 };
    agg.nPaired += h.nPaired;
    agg.baselineSum += h.baselineSum;
    agg.followUpSum += h.followUpSum;
    agg.nReduced += h.nReduced;
    t.healthUse.set(h.kind, agg);
  }
  for (const f of s.homeEnvironment) t.funnel[HOME_ENVIRONMENT_STEPS.indexOf(f.step)] += f.reached;
  t.feedbackSent += s.partnerFeedback.sent;
  t.feedbackAnswered += s.partnerFeedback.answered;
  for (const { days, count } of s.partnerFeedback.responseDays) add(t.responseDays, days, count);
  return t;
}

export const totalsOf = (snapshots: Iterable<HubSnapshotV1>): RawTotals => {
  const t = emptyTotals();
  for (const s of snapshots) addSnapshot(t, s);
  return t;
};

/** Exact median of a days histogram (mean of the middle two for an even count). */
export function histogramMedian(hist: Map<number, number>): { median: number; n: number } {
  const bins = [...hist].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  const n = bins.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return { median: 0, n: 0 };
  const at = (rank: number) => {
    let seen = 0;
    for (const [days, count] of bins) {
      seen += count;
      if (rank < seen) return days;
    }
    return bins[bins.length - 1][0];
  };
  const median = n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  return { median, n };
}

/** Sample standard deviation from n, Σx and Σx² (0 for fewer than 2). */
export function standardDeviation(n: number, sum: number, sumSquares: number): number {
  if (n < 2) return 0;
  const variance = (sumSquares - (sum * sum) / n) / (n - 1);
  return Math.sqrt(Math.max(0, variance));
}
