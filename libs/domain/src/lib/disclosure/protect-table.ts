import { type SumConstraint, disclosedSlots } from './audit';
import { type PublishedCount, SUPPRESSED, protectCount } from './protect';

export type GroupValue = string | number | boolean | null;

/** One input row: the grouping columns and the raw counts. */
export type TableRow<G extends string, C extends string> = { readonly [K in G]: GroupValue } & {
  readonly [K in C]: number;
};

export interface ProtectTableOptions<G extends string, C extends string> {
  /** Columns that identify a row. Input rows with the same key are added up (raw) before protecting. */
  groupBy: readonly G[];
  /** Columns holding raw counts of people or events. */
  countColumns: readonly C[];
  totals?: {
    /** A total across the count columns on each row. */
    rowTotals?: boolean;
    /** A totals row with a total per count column (and the grand total when rowTotals is on). */
    columnTotals?: boolean;
  };
  /**
   * On by default. The stated rule alone can let a `*` be pinned down: published `*`, 10, 10 with a
   * total of 15 forces the `*` to be 1 (the tens are at least 8 each, the total at most 17). Where the
   * audit finds such a cell, the smallest published sibling in its row or column is also shown as `*`.
   */
  secondarySuppression?: boolean;
}

export interface PublishedRow<G extends string, C extends string> {
  group: Record<G, GroupValue>;
  counts: Record<C, PublishedCount>;
  /** Present when rowTotals is on: the row's raw total, protected on its own. */
  total?: PublishedCount;
}

export interface PublishedTable<G extends string, C extends string> {
  rows: PublishedRow<G, C>[];
  /** Present when columnTotals is on: each column's raw total protected on its own, never a sum of cells. */
  columnTotals?: { counts: Record<C, PublishedCount>; total?: PublishedCount };
  /** How many figures were withheld to protect another `*`. Internal: do not publish which ones. */
  secondarySuppressions: number;
  /**
   * Suppressed cells that stay pinned down because every figure around them is already `*` or 0
   * (e.g. seven `*` cells of 1 under a `*` total of 7). Zero in any realistic table; a caller should
   * refuse to publish a table where it is not.
   */
  residualDisclosures: number;
}

/**
 * Applies NHS disclosure control to a whole table at its lowest published level: every cell and
 * every total is protected from its raw value, so no total is ever a sum of rounded cells.
 */
export function protectTable<G extends string, C extends string>(
  rows: readonly TableRow<G, C>[],
  options: ProtectTableOptions<G, C>,
): PublishedTable<G, C> {
  const groups = aggregate(rows, options);
  const layout = layOut(
    groups.map((g) => g.raw),
    options,
  );
  const published = layout.raw.map(protectCount);
  const { secondary, residual } =
    options.secondarySuppression === false
      ? { secondary: 0, residual: disclosedSlots(layout.raw, published, layout.constraints).length }
      : applySecondarySuppression(layout.raw, published, layout.constraints);
  const cols = options.countColumns;
  const countsAt = (start: number): Record<C, PublishedCount> =>
    Object.fromEntries(cols.map((column, c) => [column, published[start + c]])) as Record<C, PublishedCount>;
  return {
    rows: groups.map((group, r) => ({
      group: group.key,
      counts: countsAt(layout.cell(r, 0)),
      ...(layout.rowTotal ? { total: published[layout.rowTotal(r)] } : {}),
    })),
    ...(layout.columnTotal
      ? {
          columnTotals: {
            counts: countsAt(layout.columnTotal(0)),
            ...(layout.grandTotal !== undefined ? { total: published[layout.grandTotal] } : {}),
          },
        }
      : {}),
    secondarySuppressions: secondary,
    residualDisclosures: residual,
  };
}

interface Group<G extends string> {
  key: Record<G, GroupValue>;
  raw: number[];
}

function aggregate<G extends string, C extends string>(
  rows: readonly TableRow<G, C>[],
  { groupBy, countColumns }: ProtectTableOptions<G, C>,
): Group<G>[] {
  const groups = new Map<string, Group<G>>();
  for (const row of rows) {
    const key = Object.fromEntries(groupBy.map((g): [G, GroupValue] => [g, row[g]])) as Record<G, GroupValue>;
    const id = JSON.stringify(groupBy.map((g) => row[g]));
    const group = groups.get(id) ?? { key, raw: countColumns.map(() => 0) };
    countColumns.forEach((column, c) => (group.raw[c] += row[column]));
    groups.set(id, group);
  }
  return [...groups.values()];
}

/**
 * Slots in one flat array: cells row by row, then row totals, then column totals, then the grand
 * total; and the sums that tie them together, which is all an attacker has to work with.
 */
function layOut(
  grid: readonly number[][],
  { countColumns, totals }: Pick<ProtectTableOptions<string, string>, 'countColumns' | 'totals'>,
) {
  const rowsN = grid.length;
  const colsN = countColumns.length;
  const raw = grid.flat();
  const cell = (r: number, c: number): number => r * colsN + c;
  const rowSums = grid.map((row) => row.reduce((s, v) => s + v, 0));
  const colSums = countColumns.map((_, c) => grid.reduce((s, row) => s + row[c], 0));
  const grand = rowSums.reduce((s, v) => s + v, 0);
  const constraints: SumConstraint[] = [];
  const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

  let rowTotal: ((r: number) => number) | undefined;
  let columnTotal: ((c: number) => number) | undefined;
  let grandTotal: number | undefined;
  if (totals?.rowTotals) {
    const base = raw.length;
    raw.push(...rowSums);
    rowTotal = (r) => base + r;
    range(rowsN).forEach((r) =>
      constraints.push({ members: range(colsN).map((c) => cell(r, c)), total: base + r }),
    );
  }
  if (totals?.columnTotals) {
    const base = raw.length;
    raw.push(...colSums);
    columnTotal = (c) => base + c;
    range(colsN).forEach((c) =>
      constraints.push({ members: range(rowsN).map((r) => cell(r, c)), total: base + c }),
    );
  }
  if (rowTotal && columnTotal) {
    grandTotal = raw.length;
    raw.push(grand);
    constraints.push({ members: range(colsN).map(columnTotal), total: grandTotal });
    constraints.push({ members: range(rowsN).map(rowTotal), total: grandTotal });
  }
  return { raw, cell, rowTotal, columnTotal, grandTotal, constraints };
}

/**
 * While the audit finds a pinned `*`, also withhold the smallest non-zero published figure that
 * shares a sum with it. Each step only hides more, so the loop ends.
 */
function applySecondarySuppression(
  raw: readonly number[],
  published: PublishedCount[],
  constraints: readonly SumConstraint[],
): { secondary: number; residual: number } {
  let secondary = 0;
  const unfixable = new Set<number>();
  for (;;) {
    const slot = disclosedSlots(raw, published, constraints).find((s) => !unfixable.has(s));
    if (slot === undefined) break;
    const sibling = smallestPublishedSibling(slot, raw, published, constraints);
    if (sibling === undefined) {
      unfixable.add(slot);
      continue;
    }
    published[sibling] = SUPPRESSED;
    secondary += 1;
  }
  return { secondary, residual: disclosedSlots(raw, published, constraints).length };
}

function smallestPublishedSibling(
  slot: number,
  raw: readonly number[],
  published: readonly PublishedCount[],
  constraints: readonly SumConstraint[],
): number | undefined {
  const siblings = constraints
    .filter((c) => c.total === slot || c.members.includes(slot))
    .flatMap((c) => [...c.members, c.total])
    .filter((s) => s !== slot && published[s] !== SUPPRESSED && published[s] !== 0);
  return siblings.sort((a, b) => raw[a] - raw[b] || a - b)[0];
}
