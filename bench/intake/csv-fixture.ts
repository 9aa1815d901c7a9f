/**
 * Synthetic referral CSVs (streamed, any size). Every BAD_EVERY-th row has a mistyped NHS number
 * (rejected with a reason). Synthetic people only.
 */
import { createWriteStream } from 'node:fs';

export const CSV_HEADER =
  'source_id,nhs_number,given_name,family_name,date_of_birth,postcode,referrer_type,reasons,consent_given_by,consent_method,consent_recorded_at,safeguarding,cold_or_damp,fuel_debt,note';

const REFERRERS = ['gp_practice', 'pharmacy', 'vcse', 'housing_association', 'social_worker', 'self'];
const NEEDS = ['isolation', 'low_mood_anxiety', 'money_debt', 'carer_strain', 'physical_activity'];

/** The i-th synthetic NHS number (mod-11 valid), deterministic so re-runs are comparable. */
export function nhsNumberFor(i: number): string {
  for (let n = i * 7 + 100_000_000; ; n++) {
    const digits = String(n).padStart(9, '0').split('').map(Number);
    digits[0] = 9;
    const sum = digits.reduce((acc, d, k) => acc + d * (10 - k), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return [...digits, check === 11 ? 0 : check].join('');
  }
}

export function csvRow(i: number, badEvery: number, tag: string, offset = 0): string {
  let nhs = nhsNumberFor(i + offset);
  if (badEvery > 0 && i % badEvery === 0) nhs = `${nhs.slice(0, 9)}${(Number(nhs[9]) + 1) % 10}`;
  const year = 1930 + (i % 70);
  return [
    `${tag}-${i}`,
    nhs,
    `Given${i}`,
    `Family${i}`,
    `${year}-0${1 + (i % 9)}-1${i % 10}`,
    `LS${1 + (i % 20)} ${1 + (i % 9)}AB`,
    REFERRERS[i % REFERRERS.length],
    `${NEEDS[i % NEEDS.length]};${NEEDS[(i + 2) % NEEDS.length]}`,
    'person',
    'verbal',
    '2026-10-01T10:00:00Z',
    'no',
    i % 4 === 0 ? 'yes' : 'no',
    i % 6 === 0 ? 'yes' : 'no',
    `"Synthetic, row ${i}"`,
  ].join(',');
}

export async function writeCsv(
  path: string,
  rows: number,
  badEvery = 0,
  tag = 'B',
  offset = 0,
): Promise<void> {
  const out = createWriteStream(path);
  const write = (line: string) =>
    out.write(`${line}\n`) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(CSV_HEADER);
  for (let i = 1; i <= rows; i++) await write(csvRow(i, badEvery, tag, offset));
  await new Promise<void>((resolve) => out.end(resolve));
}
