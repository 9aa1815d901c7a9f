import fc from 'fast-check';
import { HOME_ENVIRONMENT_STEPS, type HubSnapshotV1 } from '@linkway/contracts';
import { snapshotFactory } from '../test-fixtures/snapshot.factory';
import { histogramMedian } from './aggregate';
import { reportToCsv } from './csv';
import {
  type HubInfo,
  overviewReport,
  protectGrid,
  referralsReport,
  REPORT_NAMES,
  REPORTS,
  type ReportInput,
  homeEnvironmentReport,
  outcomesReport,
} from './report-builder';

type Published = number | '*';

const hubInfo = (hubId: string, i: number): HubInfo => ({
  hubId,
  name: `Hub ${hubId}`,
  archetype: i % 2 ? 'community_centre' : 'pcn_link_workers',
  integrationModel: ['embedded_specialist', 'universal_screening', 'brokered_referral'][i % 3],
  population: 40_000,
  lastSnapshotAt: null,
  stale: false,
});

/** Counts skewed towards the small numbers disclosure control is about. */
const smallCount = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 60 }));

const randomSnapshot = (hubId: string, month: number) =>
  fc
    .record({
      sources: fc.array(fc.tuple(fc.constantFrom('gp', 'self', 'pharmacy', 'housing'), smallCount), {
        maxLength: 4,
      }),
      accepted: smallCount,
      declined: smallCount,
      signposted: smallCount,
      closed: smallCount,
      funnel: fc.array(smallCount, {
        minLength: HOME_ENVIRONMENT_STEPS.length,
        maxLength: HOME_ENVIRONMENT_STEPS.length,
      }),
      paired: smallCount,
      improved: smallCount,
      sent: smallCount,
      answered: smallCount,
    })
    .map((r): HubSnapshotV1 => {
      const bySource = new Map<string, number>();
      for (const [k, n] of r.sources) bySource.set(k, (bySource.get(k) ?? 0) + n);
      const funnel = [...r.funnel].sort((a, b) => b - a);
      return snapshotFactory({
        hubId,
        month,
        referrals: {
          bySource: [...bySource].map(([key, count]) => ({ key, count })),
          byNeed: [],
          received: r.accepted + r.declined + r.signposted,
          accepted: r.accepted,
          declined: r.declined,
          signposted: r.signposted,
        },
        cases: {
          opened: r.accepted,
          closed: r.closed,
          contactsSum: r.closed * 7,
          closedWithContacts: r.closed,
        },
        outcomes: [
          {
            measure: 'swemwbs',
            nPaired: r.paired,
            sumChange: r.paired * 2.5,
            sumSquares: r.paired * 10,
            nImproved: Math.min(r.improved, r.paired),
          },
        ],
        homeEnvironment: HOME_ENVIRONMENT_STEPS.map((step, i) => ({ step, reached: funnel[i] })),
        partnerFeedback: {
          sent: r.sent + r.answered,
          answered: r.answered,
          responseDays: r.answered ? [{ days: 3, count: r.answered }] : [],
        },
      });
    });

const randomInput: fc.Arbitrary<ReportInput> = fc.integer({ min: 1, max: 6 }).chain((hubCount) => {
  const hubIds = Array.from({ length: hubCount }, (_, i) => `hub${i + 1}`);
  return fc
    .tuple(
      ...hubIds.map((id) =>
        fc
          .array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 })
          .chain((months) => fc.tuple(...[...new Set(months)].map((m) => randomSnapshot(id, m)))),
      ),
    )
    .map((perHub) => ({ hubs: hubIds.map(hubInfo), snapshots: perHub.flat() }));
});

/** Every count-like figure of a report: whatever sits under `counts`, `total` or `nPaired`. */
function collectCounts(value: unknown, out: Published[] = [], key = ''): Published[] {
  if (Array.isArray(value)) value.forEach((v) => collectCounts(v, out, key));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'counts' && v && typeof v === 'object') out.push(...(Object.values(v) as Published[]));
      else if ((k === 'total' || k === 'nPaired') && (typeof v === 'number' || v === '*')) out.push(v);
      else collectCounts(v, out, k);
    }
  }
  return out;
}

/** Bounds propagation over published sums, written independently of the domain's audit. */
function pinnedSuppressedCells(
  published: Published[],
  constraints: { members: number[]; total: number }[],
): number[] {
  const iv = published.map((v) =>
    v === '*' ? { lo: 1, hi: 7 } : v === 0 ? { lo: 0, hi: 0 } : { lo: Math.max(8, v - 2), hi: v + 2 },
  );
  for (let changed = true, rounds = 0; changed && rounds < 100; rounds++) {
    changed = false;
    for (const { members, total } of constraints) {
      const sumLo = members.reduce((s, m) => s + iv[m].lo, 0);
      const sumHi = members.reduce((s, m) => s + iv[m].hi, 0);
      const t = iv[total];
      if (sumLo > t.lo) {
        t.lo = sumLo;
        changed = true;
      }
      if (sumHi < t.hi) {
        t.hi = sumHi;
        changed = true;
      }
      for (const m of members) {
        const lo = t.lo - (sumHi - iv[m].hi);
        const hi = t.hi - (sumLo - iv[m].lo);
        if (lo > iv[m].lo) {
          iv[m].lo = lo;
          changed = true;
        }
        if (hi < iv[m].hi) {
          iv[m].hi = hi;
          changed = true;
        }
      }
    }
  }
  return published.map((v, i) => (v === '*' && iv[i].lo === iv[i].hi ? i : -1)).filter((i) => i >= 0);
}

/** Slots and sum constraints of a grid with column totals (and row totals when present). */
function gridSlots(
  rows: { counts: Record<string, Published>; total?: Published }[],
  totals: { counts: Record<string, Published>; total?: Published },
  columns: string[],
) {
  const slots: Published[] = [];
  const cell = rows.map((r) => columns.map((c) => slots.push(r.counts[c]) - 1));
  const colTotal = columns.map((c) => slots.push(totals.counts[c]) - 1);
  const constraints = columns.map((_, c) => ({ members: cell.map((r) => r[c]), total: colTotal[c] }));
  if (rows.every((r) => r.total !== undefined) && totals.total !== undefined) {
    const rowTotal = rows.map((r) => slots.push(r.total as Published) - 1);
    rows.forEach((_, r) => constraints.push({ members: cell[r], total: rowTotal[r] }));
    const grand = slots.push(totals.total) - 1;
    constraints.push({ members: rowTotal, total: grand }, { members: colTotal, total: grand });
  }
  return { slots, constraints };
}

describe('federation reports (disclosure control)', () => {
  it('publishes no count in 1–7: every count is 0, `*` or a multiple of 5 of at least 10, in every report', () => {
    fc.assert(
      fc.property(randomInput, (input) => {
        for (const name of REPORT_NAMES) {
          for (const v of collectCounts(REPORTS[name](input))) {
            expect(v === 0 || v === '*' || (typeof v === 'number' && v >= 10 && v % 5 === 0)).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('no suppressed cell can be recovered from the published totals and its siblings', () => {
    fc.assert(
      fc.property(randomInput, (input) => {
        const overview = overviewReport(input);
        const o = gridSlots(overview.rows, overview.ics, overview.columns);
        expect(pinnedSuppressedCells(o.slots, o.constraints)).toEqual([]);
        const bySource = referralsReport(input, 'source');
        const s = gridSlots(bySource.rows as never, bySource.ics as never, bySource.columns);
        expect(pinnedSuppressedCells(s.slots, s.constraints)).toEqual([]);
        const home = homeEnvironmentReport(input);
        const h = gridSlots(home.rows, home.ics, home.steps);
        expect(pinnedSuppressedCells(h.slots, h.constraints)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('withholds means and rates over 1–7 people and never shows a percentage over a suppressed count', () => {
    fc.assert(
      fc.property(randomInput, (input) => {
        const report = outcomesReport(input);
        for (const row of [...report.rows, report.ics]) {
          for (const m of Object.values(row.measures)) {
            if (m.nPaired === '*') expect(m.improvedPct).toBe('*');
            if (m.nPaired === 0) expect(m.meanChange).toBeNull();
          }
        }
        for (const row of overviewReport(input).rows) {
          if (row.counts.received === '*' || row.counts.accepted === '*') expect(row.acceptancePct).toBe('*');
        }
      }),
      { numRuns: 100 },
    );
  });

  it('computes ICS figures exactly from the hubs’ sums, then rounds the total on its own', () => {
    const input: ReportInput = {
      hubs: [hubInfo('hub1', 0), hubInfo('hub2', 1)],
      snapshots: [
        snapshotFactory({
          hubId: 'hub1',
          referrals: { bySource: [], byNeed: [], received: 12, accepted: 12, declined: 0, signposted: 0 },
        }),
        snapshotFactory({
          hubId: 'hub2',
          referrals: { bySource: [], byNeed: [], received: 12, accepted: 12, declined: 0, signposted: 0 },
        }),
      ],
    };
    const report = overviewReport(input);
    // each hub 12 → 10; the ICS total is 24 → 25, not 10 + 10
    expect(report.rows.map((r) => r.counts.received)).toEqual([10, 10]);
    expect(report.ics.counts.received).toBe(25);
  });

  it('combines outcome change exactly across hubs (n, Σd, Σd²)', () => {
    const measure = (nPaired: number, sumChange: number, sumSquares: number) => [
      { measure: 'swemwbs', nPaired, sumChange, sumSquares, nImproved: nPaired },
    ];
    const input: ReportInput = {
      hubs: [hubInfo('hub1', 0), hubInfo('hub2', 1)],
      snapshots: [
        snapshotFactory({ hubId: 'hub1', outcomes: measure(20, 40, 100) }),
        snapshotFactory({ hubId: 'hub2', outcomes: measure(30, 120, 600) }),
      ],
    };
    const ics = outcomesReport(input).ics.measures.swemwbs;
    expect(ics.meanChange).toBe(3.2);
    expect(ics.nPaired).toBe(50);
  });

  it('withholds a whole table the audit cannot make safe rather than publishing it', () => {
    const grid = protectGrid(
      [
        { key: 'a', values: { x: 1 } },
        { key: 'b', values: { x: 0 } },
      ],
      ['x'],
    );
    expect([grid.rows[0].counts.x, grid.totals.counts.x]).toEqual(['*', '*']);
  });

  it('takes the median of response days exactly from the merged histograms', () => {
    expect(
      histogramMedian(
        new Map([
          [1, 2],
          [5, 1],
          [9, 1],
        ]),
      ),
    ).toEqual({ median: 3, n: 4 });
  });

  it('exports CSV with one line per published figure and never a raw count', () => {
    const input: ReportInput = {
      hubs: [hubInfo('hub1', 0)],
      snapshots: [
        snapshotFactory({
          hubId: 'hub1',
          referrals: { bySource: [], byNeed: [], received: 13, accepted: 3, declined: 10, signposted: 0 },
        }),
      ],
    };
    const csv = reportToCsv('overview', overviewReport(input) as never);
    expect(csv).toContain('overview,hub,hub1,Hub hub1,counts.received,15');
    expect(csv).toContain('overview,hub,hub1,Hub hub1,counts.accepted,*');
    expect(csv).not.toMatch(/,13\n|,3\n/);
  });
});
