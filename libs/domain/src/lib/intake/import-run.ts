import type { ErrorDetail } from '@linkway/util';
import type { ReferralDraft } from './referral-rules';
import { checkImportHeader, CsvRowParser, importRowKey, importRowToDraft } from './csv-import';

export type RowOutcome = 'created' | 'linked' | 'rejected';

export interface ImportRowReport {
  row: number;
  sourceId?: string;
  outcome: RowOutcome;
  referralId?: string;
  /** The row was done by an earlier run of the same file (resumed or repeated). */
  replayed?: boolean;
  errors?: ErrorDetail[];
}

export interface ImportReport {
  rows: number;
  created: number;
  linked: number;
  rejected: number;
  replayed: number;
  report: ImportRowReport[];
}

/** What creating one row answered (intake's ReferralCreatedV1, narrowed to what the report needs). */
export interface CreatedRow {
  linked: boolean;
  replayed: boolean;
  referral: { id: string };
}

export interface ImportOptions {
  /** Rows in flight at once. */
  concurrency: number;
  /** Called once per row as its outcome is known (e.g. to write a report file as it goes). */
  onRow?: (entry: ImportRowReport) => void;
  /** Keep every row's outcome in the returned report (off for very large files). */
  keepRows?: boolean;
}

export type CreateRow = (draft: ReferralDraft & { note?: string }, key: string) => Promise<CreatedRow>;

/** An import the file itself refuses (bad header, empty file): nothing was sent. */
export class ImportFileError extends Error {
  constructor(readonly errors: ErrorDetail[]) {
    super('The import file cannot be read');
  }
}

/**
 * Streams a referral CSV: parses chunk by chunk, sends up to `concurrency` rows to intake at
 * once and reads the next chunk only when a slot is free, so memory stays flat whatever the
 * file size. Every row gets an outcome; a bad row never stops the file.
 */
export async function runReferralImport(
  source: AsyncIterable<Uint8Array | string>,
  fileKey: string | undefined,
  createRow: CreateRow,
  options: ImportOptions,
): Promise<ImportReport> {
  const { concurrency, onRow, keepRows = true } = options;
  const parser = new CsvRowParser();
  const decoder = new TextDecoder('utf-8');
  const result: ImportReport = { rows: 0, created: 0, linked: 0, rejected: 0, replayed: 0, report: [] };
  let header: string[] | undefined;
  const inFlight = new Set<Promise<void>>();

  const record = (entry: ImportRowReport) => {
    if (keepRows) result.report.push(entry);
    onRow?.(entry);
    if (entry.outcome === 'created') result.created++;
    else if (entry.outcome === 'linked') result.linked++;
    else result.rejected++;
    if (entry.replayed) result.replayed++;
  };

  const handle = async (cells: string[], rowNumber: number) => {
    const { draft, sourceId, note } = importRowToDraft(header as string[], cells);
    const key = importRowKey(fileKey, rowNumber, sourceId);
    if (!key) {
      record({
        row: rowNumber,
        outcome: 'rejected',
        errors: [
          {
            field: 'source_id',
            reason: 'row has no source_id and the upload no Idempotency-Key: it could not be re-run safely',
          },
        ],
      });
      return;
    }
    try {
      const answer = await createRow(note ? { ...draft, note } : draft, key);
      record({
        row: rowNumber,
        sourceId,
        outcome: answer.linked ? 'linked' : 'created',
        referralId: answer.referral.id,
        ...(answer.replayed ? { replayed: true } : {}),
      });
    } catch (error) {
      // only the row's own faults are a rejected row; an outage stops the import (re-run resumes it)
      const details = (error as { details?: ErrorDetail[] }).details;
      const code = (error as { code?: string }).code;
      if (code !== 'VALIDATION_FAILED' && code !== 'CONFLICT') throw error;
      record({
        row: rowNumber,
        sourceId,
        outcome: 'rejected',
        errors: details?.length ? details : [{ reason: (error as Error).message }],
      });
    }
  };

  const dispatch = async (rows: string[][]) => {
    for (const cells of rows) {
      if (!header) {
        const problems = checkImportHeader(cells);
        if (problems.length) throw new ImportFileError(problems);
        header = cells;
        continue;
      }
      result.rows++;
      const rowNumber = result.rows;
      const task: Promise<void> = handle(cells, rowNumber).finally(() => inFlight.delete(task));
      inFlight.add(task);
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
  };

  for await (const chunk of source) {
    await dispatch(parser.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })));
  }
  await dispatch(parser.push(decoder.decode()));
  await dispatch(parser.end());
  await Promise.all(inFlight);
  if (!header)
    throw new ImportFileError([{ reason: 'the file is empty; the first row must name the columns' }]);
  result.report.sort((a, b) => a.row - b.row);
  return result;
}
