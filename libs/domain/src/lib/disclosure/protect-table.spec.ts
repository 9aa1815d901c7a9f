import fc from 'fast-check';
import { type PublishedCount, SUPPRESSED, protectCount } from './protect';
import { type PublishedTable, protectTable } from './protect-table';

type Grid = number[][];
type Table = PublishedTable<'group', string>;
type Totals = { rowTotals?: boolean; columnTotals?: boolean };

const columnsOf = (grid: Grid): string[] => (grid[0] ?? []).map((_, c) => `c${c}`);

/** A raw grid as input rows: one row per grid row, grouped by its index. */
const rowsOf = (grid: Grid): Array<Record<string, string | number>> =>
  grid.map((counts, r) => ({ group: `g${r}`, ...Object.fromEntries(counts.map((v, c) => [`c${c}`, v])) }));

// Column names are generated here, so the row type cannot be spelled statically; the cast is test-only.
const protect = (grid: Grid, totals: Totals, secondarySuppression = true): Table =>
  protectTable(rowsOf(grid) as never, {
    groupBy: ['group'],
    countColumns: columnsOf(grid),
    totals,
    secondarySuppression,
  });

const publishedGrid = (table: Table, grid: Grid): PublishedCount[][] =>
  table.rows.map((row) => columnsOf(grid).map((c) => row.counts[c]));

const everyPublishedValue = (table: Table): PublishedCount[] => [
  ...table.rows.flatMap((row) => [
    ...Object.values(row.counts),
    ...(row.total === undefined ? [] : [row.total]),
  ]),
  ...(table.columnTotals
    ? [
        ...Object.values(table.columnTotals.counts),
        ...(table.columnTotals.total === undefined ? [] : [table.columnTotals.total]),
      ]
    : []),
];

const rowSum = (grid: Grid, r: number): number => grid[r].reduce((s, v) => s + v, 0);
const columnSum = (grid: Grid, c: number): number => grid.reduce((s, row) => s + row[c], 0);

// Counts skewed towards the small values where suppression and rounding bite.
const countArb = fc.oneof(
  fc.integer({ min: 0, max: 9 }),
  fc.integer({ min: 0, max: 20 }),
  fc.integer({ min: 0, max: 300 }),
);
const gridArb = (maxRows: number, maxCols: number, minRows = 1, minCols = 1): fc.Arbitrary<Grid> =>
  fc
    .record({
      rows: fc.integer({ min: minRows, max: maxRows }),
      cols: fc.integer({ min: minCols, max: maxCols }),
    })
    .chain(({ rows, cols }) =>
      fc.array(fc.array(countArb, { minLength: cols, maxLength: cols }), {
        minLength: rows,
        maxLength: rows,
      }),
    );
const totalsArb: fc.Arbitrary<Totals> = fc.record({ rowTotals: fc.boolean(), columnTotals: fc.boolean() });

describe(protectTable.name, () => {
  describe('examples', () => {
    it('protects each cell and rounds each total from its raw value', () => {
      const table = protect(
        [
          [12, 3],
          [9, 0],
        ],
        { rowTotals: true, columnTotals: true },
        false,
      );
      expect(table.rows).toEqual([
        { group: { group: 'g0' }, counts: { c0: 10, c1: SUPPRESSED }, total: 15 },
        { group: { group: 'g1' }, counts: { c0: 10, c1: 0 }, total: 10 },
      ]);
      // 21 → 20 and 24 → 25: not 10 + 10 and not 15 + 10
      expect(table.columnTotals).toEqual({ counts: { c0: 20, c1: SUPPRESSED }, total: 25 });
    });

    it('adds up rows with the same key before protecting, so two 4s become 10, not * + *', () => {
      const rows = [
        { hub: 'a', need: 'isolation', referred: 4 },
        { hub: 'a', need: 'isolation', referred: 4 },
        { hub: 'a', need: 'money', referred: 2 },
      ];
      const table = protectTable(rows, { groupBy: ['hub', 'need'], countColumns: ['referred'] });
      expect(table.rows).toEqual([
        { group: { hub: 'a', need: 'isolation' }, counts: { referred: 10 } },
        { group: { hub: 'a', need: 'money' }, counts: { referred: SUPPRESSED } },
      ]);
    });

    it('shows why the stated rule alone is not enough: *, 10, 10 over 15 forces the * to 1', () => {
      const grid = [[1], [8], [8]];
      const bare = protect(grid, { columnTotals: true }, false);
      expect(publishedGrid(bare, grid)).toEqual([[SUPPRESSED], [10], [10]]);
      expect(bare.columnTotals?.counts.c0).toBe(15);
      expect(bare.residualDisclosures).toBe(1);

      const safe = protect(grid, { columnTotals: true });
      expect(publishedGrid(safe, grid)).toEqual([[SUPPRESSED], [SUPPRESSED], [10]]);
      expect(safe.secondarySuppressions).toBe(1);
      expect(safe.residualDisclosures).toBe(0);
    });

    it('withholds the total when every cell is * and the total would pin them: four 7s over 30', () => {
      // 28 → 30 means at least 28; four cells of at most 7 must then all be 7.
      const safe = protect([[7], [7], [7], [7]], { columnTotals: true });
      expect(safe.columnTotals?.counts.c0).toBe(SUPPRESSED);
      expect(safe.residualDisclosures).toBe(0);
    });

    it('reports what it cannot fix: seven * cells of 1 under a * total of 7', () => {
      const table = protect([[1], [1], [1], [1], [1], [1], [1]], { columnTotals: true });
      expect(table.columnTotals?.counts.c0).toBe(SUPPRESSED);
      // the seven cells and the total itself: at least 7 and at most 7
      expect(table.residualDisclosures).toBe(8);
    });
  });

  describe('properties over random tables', () => {
    it('never publishes a value in 1–7; every count is 0, * or a multiple of 5', () => {
      fc.assert(
        fc.property(gridArb(10, 5), totalsArb, fc.boolean(), (grid, totals, secondary) => {
          for (const value of everyPublishedValue(protect(grid, totals, secondary))) {
            expect(value === SUPPRESSED || value === 0 || (value % 5 === 0 && value >= 10)).toBe(true);
          }
        }),
      );
    });

    it('rounds every total from raw values, independently of the rounded cells', () => {
      fc.assert(
        fc.property(gridArb(10, 5), (grid) => {
          const table = protect(grid, { rowTotals: true, columnTotals: true }, false);
          table.rows.forEach((row, r) => expect(row.total).toBe(protectCount(rowSum(grid, r))));
          columnsOf(grid).forEach((c, i) =>
            expect(table.columnTotals?.counts[c]).toBe(protectCount(columnSum(grid, i))),
          );
          expect(table.columnTotals?.total).toBe(protectCount(grid.flat().reduce((s, v) => s + v, 0)));
          // With secondary suppression a total may also be withheld, but never published otherwise.
          const safe = protect(grid, { rowTotals: true, columnTotals: true });
          safe.rows.forEach((row, r) =>
            expect([protectCount(rowSum(grid, r)), SUPPRESSED]).toContain(row.total),
          );
        }),
      );
    });

    it('publishes totals that differ from the sum of published cells (proof they are not summed)', () => {
      const table = protect([[8], [8], [8]], { columnTotals: true }, false);
      expect(table.rows.map((r) => r.counts.c0)).toEqual([10, 10, 10]);
      expect(table.columnTotals?.counts.c0).toBe(25); // 24 → 25, not 30
    });

    it('one-way tables: no * can be pinned from its siblings and the total (enumerated, then bounded)', () => {
      // Up to 6 rows: the one case nothing can fix needs seven * cells under a * total.
      fc.assert(
        fc.property(gridArb(6, 3), (grid) => {
          const table = protect(grid, { columnTotals: true });
          expect(table.residualDisclosures).toBe(0);
          columnsOf(grid).forEach((c, i) => {
            const line = [...table.rows.map((row) => row.counts[c]), table.columnTotals?.counts[c] ?? 0];
            const raw = [...grid.map((row) => row[i]), columnSum(grid, i)];
            expectNoSuppressedSlotPinned(line, raw);
          });
        }),
        { numRuns: 300 },
      );
    });

    it('two-way tables with all totals: no * is pinned, by brute force over every consistent table', () => {
      fc.assert(
        fc.property(gridArb(2, 3, 2, 2), (grid) => {
          const table = protect(grid, { rowTotals: true, columnTotals: true });
          expect(table.residualDisclosures).toBe(0);
          const feasible = enumerateTwoWay(table, grid);
          const raw = twoWaySlots(grid);
          const published = twoWayPublished(table, grid);
          published.forEach((value, slot) => {
            if (value !== SUPPRESSED) return;
            const values = feasible[slot];
            expect(values.size === 1 && values.has(raw[slot])).toBe(false);
          });
        }),
        { numRuns: 150 },
      );
    });
  });
});

/*
 * Independent checkers. They do not use the audit in the code under test: the first enumerates
 * the achievable sums, the second every raw table consistent with the published one.
 */

const STRICT: Record<'star', [number, number]> = { star: [1, 7] };

function rangeOf(value: PublishedCount, starHi: number): [number, number] {
  if (value === SUPPRESSED) return [1, starHi];
  if (value === 0) return [0, 0];
  return [value - 2, value + 2];
}

const valuesIn = ([lo, hi]: [number, number]): number[] =>
  Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

/** Every sum the given ranges can reach, by enumeration. */
function reachableSums(ranges: Array<[number, number]>): Set<number> {
  let sums = new Set([0]);
  for (const range of ranges) {
    const next = new Set<number>();
    for (const s of sums) for (const v of valuesIn(range)) next.add(s + v);
    sums = next;
  }
  return sums;
}

/**
 * line = cells then the total (published), raw likewise. Strict reading (* is 1–7): the feasible set
 * of a * must not be exactly its true value. Loose reading (* may be any count ≥ 1, bounded here by a
 * number above any raw value): the feasible set must hold at least two values.
 */
function expectNoSuppressedSlotPinned(line: PublishedCount[], raw: number[]): void {
  const strict = line.map((v) => rangeOf(v, STRICT.star[1]));
  const cells = strict.length - 1;
  line.forEach((value, slot) => {
    if (value !== SUPPRESSED) return;
    const others = strict.filter((_, i) => i !== slot && i !== cells);
    const [tLo, tHi] = strict[cells];
    const feasible =
      slot === cells
        ? valuesIn(strict[cells]).filter((t) => reachableSums(strict.slice(0, cells)).has(t))
        : valuesIn(strict[slot]).filter((v) =>
            [...reachableSums(others)].some((s) => v + s >= tLo && v + s <= tHi),
          );
    expect(feasible.length === 1 && feasible[0] === raw[slot]).toBe(false);

    // Loose reading: sums of whole-number ranges are whole-number ranges, so bounds suffice.
    const big = 1_000_000;
    const loose = line.map((v) => rangeOf(v, big));
    const sumLo = (rs: Array<[number, number]>): number => rs.reduce((s, r) => s + r[0], 0);
    const sumHi = (rs: Array<[number, number]>): number => rs.reduce((s, r) => s + r[1], 0);
    const looseOthers = loose.filter((_, i) => i !== slot && i !== cells);
    const [lo, hi] =
      slot === cells
        ? [Math.max(1, sumLo(loose.slice(0, cells))), Math.min(big, sumHi(loose.slice(0, cells)))]
        : [
            Math.max(1, loose[cells][0] - sumHi(looseOthers)),
            Math.min(big, loose[cells][1] - sumLo(looseOthers)),
          ];
    expect(hi - lo).toBeGreaterThanOrEqual(1);
  });
}

/** Slots of a two-way table: cells row by row, row totals, column totals, grand total. */
function twoWaySlots(grid: Grid): number[] {
  const cols = columnsOf(grid).length;
  return [
    ...grid.flat(),
    ...grid.map((_, r) => rowSum(grid, r)),
    ...Array.from({ length: cols }, (_, c) => columnSum(grid, c)),
    grid.flat().reduce((s, v) => s + v, 0),
  ];
}

function twoWayPublished(table: Table, grid: Grid): PublishedCount[] {
  const totals = table.columnTotals;
  return [
    ...publishedGrid(table, grid).flat(),
    ...table.rows.map((row) => row.total ?? 0),
    ...columnsOf(grid).map((c) => totals?.counts[c] ?? 0),
    totals?.total ?? 0,
  ];
}

/** For each slot, every value it takes across all raw tables that publish as this one (strict reading). */
function enumerateTwoWay(table: Table, grid: Grid): Array<Set<number>> {
  const published = twoWayPublished(table, grid);
  const ranges = published.map((v) => rangeOf(v, 7));
  const rowsN = grid.length;
  const colsN = grid[0].length;
  const cellCount = rowsN * colsN;
  const feasible = published.map(() => new Set<number>());
  const fits = (slot: number, value: number): boolean => value >= ranges[slot][0] && value <= ranges[slot][1];
  const cells = new Array<number>(cellCount).fill(0);
  const visit = (index: number): void => {
    // Prune as soon as a row is complete: its total must fit what was published.
    if (index > 0 && index % colsN === 0) {
      const r = index / colsN - 1;
      if (
        !fits(
          cellCount + r,
          cells.slice(r * colsN, index).reduce((s, v) => s + v, 0),
        )
      )
        return;
    }
    if (index < cellCount) {
      for (let v = ranges[index][0]; v <= ranges[index][1]; v++) {
        cells[index] = v;
        visit(index + 1);
      }
      return;
    }
    const rows = Array.from({ length: rowsN }, (_, r) => cells.slice(r * colsN, (r + 1) * colsN));
    const slots = twoWaySlots(rows);
    if (slots.every((value, slot) => fits(slot, value)))
      slots.forEach((value, slot) => feasible[slot].add(value));
  };
  visit(0);
  return feasible;
}
