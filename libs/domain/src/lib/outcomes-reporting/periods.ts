/*
 * Reporting periods for hub snapshots: calendar months (`2026-11`) and ISO 8601 weeks
 * (`2026-W47`, Monday to Sunday, week 1 holds the year's first Thursday). All in UTC.
 */

export type ReportingPeriodKind = 'week' | 'month';

export interface ReportingPeriod {
  kind: ReportingPeriodKind;
  key: string;
  /** First day, inclusive, YYYY-MM-DD. */
  start: string;
  /** Last day, inclusive, YYYY-MM-DD. */
  end: string;
  /** Half-open instant range [from, to) for queries. */
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
const pad = (n: number): string => String(n).padStart(2, '0');

/** The period of the given kind that contains `at`. */
export function periodContaining(kind: ReportingPeriodKind, at: Date): ReportingPeriod {
  if (kind === 'month') {
    const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
    const to = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
    return {
      kind,
      key: `${from.getUTCFullYear()}-${pad(from.getUTCMonth() + 1)}`,
      start: isoDay(from),
      end: isoDay(new Date(to.getTime() - DAY_MS)),
      from,
      to,
    };
  }
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const from = new Date(day.getTime() - weekday * DAY_MS);
  const to = new Date(from.getTime() + 7 * DAY_MS);
  // the ISO year and week are those of the week's Thursday
  const thursday = new Date(from.getTime() + 3 * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / DAY_MS / 7) + 1;
  return {
    kind,
    key: `${isoYear}-W${pad(week)}`,
    start: isoDay(from),
    end: isoDay(new Date(to.getTime() - DAY_MS)),
    from,
    to,
  };
}

/** The period a key names; throws on a key that is not `YYYY-MM` or `YYYY-Www`. */
export function periodFromKey(kind: ReportingPeriodKind, key: string): ReportingPeriod {
  if (kind === 'month') {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
    if (!m) throw new RangeError(`a month period key is YYYY-MM; got ${key}`);
    return periodContaining('month', new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
  }
  const w = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!w) throw new RangeError(`a week period key is YYYY-Www; got ${key}`);
  // 4 January is always in ISO week 1
  const jan4 = periodContaining('week', new Date(Date.UTC(Number(w[1]), 0, 4)));
  const period = periodContaining('week', new Date(jan4.from.getTime() + (Number(w[2]) - 1) * 7 * DAY_MS));
  if (period.key !== key) throw new RangeError(`${key} is not a week of ${w[1]}`);
  return period;
}

/** The period just before this one. */
export const previousPeriod = (period: ReportingPeriod): ReportingPeriod =>
  periodContaining(period.kind, new Date(period.from.getTime() - DAY_MS));
