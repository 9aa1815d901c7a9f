import type { ErrorDetail } from '@linkway/util';
import type { ReferralDraft } from './referral-rules';

/**
 * RFC 4180 CSV, fed chunk by chunk so an import never holds the whole file: quoted fields,
 * doubled quotes, CRLF or LF, a trailing newline or none.
 */
export class CsvRowParser {
  private field = '';
  private row: string[] = [];
  private quoted = false;
  private afterQuote = false;
  private rows: string[][] = [];

  push(chunk: string): string[][] {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.quoted) {
        if (c === '"') {
          if (chunk[i + 1] === '"') {
            this.field += '"';
            i++;
          } else if (i + 1 === chunk.length) {
            // a quote at the end of a chunk: decide when the next chunk arrives
            this.quoted = false;
            this.afterQuote = true;
          } else {
            this.quoted = false;
          }
        } else this.field += c;
        continue;
      }
      if (this.afterQuote) {
        this.afterQuote = false;
        if (c === '"') {
          this.field += '"';
          this.quoted = true;
          continue;
        }
      }
      if (c === '"' && this.field === '') this.quoted = true;
      else if (c === ',') this.endField();
      else if (c === '\n') this.endRow();
      else if (c !== '\r') this.field += c;
    }
    return this.take();
  }

  end(): string[][] {
    this.afterQuote = false;
    if (this.field !== '' || this.row.length > 0) this.endRow();
    return this.take();
  }

  private endField() {
    this.row.push(this.field);
    this.field = '';
  }

  private endRow() {
    this.endField();
    if (!(this.row.length === 1 && this.row[0] === '')) this.rows.push(this.row);
    this.row = [];
  }

  private take() {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }
}

/** Columns of a referral import file (header row required; order free; unknown columns refused). */
export const IMPORT_COLUMNS = [
  'source_id',
  'nhs_number',
  'given_name',
  'family_name',
  'date_of_birth',
  'postcode',
  'referrer_type',
  'reasons',
  'consent_given_by',
  'consent_method',
  'consent_recorded_at',
  'safeguarding',
  'frail',
  'self_funder',
  'cold_or_damp',
  'disrepair',
  'falls_risk',
  'fuel_debt',
  'overcrowding',
  'note',
] as const;
export const REQUIRED_IMPORT_COLUMNS = [
  'given_name',
  'family_name',
  'date_of_birth',
  'postcode',
  'referrer_type',
  'reasons',
  'consent_given_by',
  'consent_method',
  'consent_recorded_at',
] as const;

export function checkImportHeader(header: string[]): ErrorDetail[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const errors: ErrorDetail[] = [];
  for (const name of names)
    if (!(IMPORT_COLUMNS as readonly string[]).includes(name))
      errors.push({ field: name, reason: `unknown column; columns are ${IMPORT_COLUMNS.join(', ')}` });
  for (const name of REQUIRED_IMPORT_COLUMNS)
    if (!names.includes(name)) errors.push({ field: name, reason: 'required column is missing' });
  return errors;
}

/** Screening columns are named after the home-environment risk codes. */
const HOME_SCREEN_COLUMNS = ['cold_or_damp', 'disrepair', 'falls_risk', 'fuel_debt', 'overcrowding'] as const;

const yes = (value: string | undefined) =>
  ['y', 'yes', 'true', '1'].includes((value ?? '').trim().toLowerCase());

export interface ImportRow {
  sourceId?: string;
  draft: ReferralDraft;
  note?: string;
}

/** One data row as a referral draft (checked afterwards by checkReferral like any channel's). */
export function importRowToDraft(header: string[], cells: string[]): ImportRow {
  const names = header.map((h) => h.trim().toLowerCase());
  const get = (name: string) => {
    const i = names.indexOf(name);
    return i < 0 ? undefined : (cells[i] ?? '').trim();
  };
  const homeScreen = HOME_SCREEN_COLUMNS.filter((c) => yes(get(c)));
  const flags = [
    ...(yes(get('frail')) ? ['frail'] : []),
    ...(yes(get('self_funder')) ? ['self_funder'] : []),
  ];
  return {
    sourceId: get('source_id') || undefined,
    note: get('note') || undefined,
    draft: {
      referrerType: get('referrer_type') ?? '',
      person: {
        nhsNumber: get('nhs_number') || undefined,
        givenName: get('given_name') ?? '',
        familyName: get('family_name') ?? '',
        dateOfBirth: get('date_of_birth') ?? '',
        postcode: get('postcode') ?? '',
        flags,
      },
      consent: {
        givenBy: get('consent_given_by') ?? '',
        method: get('consent_method') ?? '',
        recordedAt: get('consent_recorded_at') ?? '',
      },
      reasons: (get('reasons') ?? '')
        .split(/[;|]/)
        .map((r) => r.trim())
        .filter(Boolean),
      homeScreen,
      safeguarding: yes(get('safeguarding')),
    },
  };
}

/**
 * The idempotency key of one import row, so re-running a file (or resuming it after a crash)
 * creates nothing twice: the row's source id when the file has one (stable across edits of the
 * file), else the file's hash and the row number.
 */
export function importRowKey(
  fileKey: string | undefined,
  rowNumber: number,
  sourceId: string | undefined,
): string | undefined {
  if (sourceId) return `import:src:${sourceId}`;
  if (fileKey) return `import:${fileKey}:${rowNumber}`;
  return undefined;
}
