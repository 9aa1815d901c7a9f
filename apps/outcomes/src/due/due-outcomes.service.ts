import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DueOutcomesV1, ListDueOutcomesV1, OutcomeTimepoint } from '@linkway/contracts';

/**
 * "Outcome due" for a page of cases at once: the schedule's own rows (outcome_due) are the
 * truth, read with one statement over the primary key, so a caseload of any size costs one query.
 */
@Injectable()
export class DueOutcomesService {
  private readonly logger = new Logger(DueOutcomesService.name);

  constructor(private readonly dataSource: DataSource) {}

  async list(request: ListDueOutcomesV1): Promise<DueOutcomesV1> {
    if (!request.caseIds.length) return { items: [] };
    const started = Date.now();
    const rows = await this.dataSource.query<
      Array<{
        case_id: string;
        timepoint: OutcomeTimepoint;
        due_at: Date;
        overdue_at: Date;
        overdue: boolean;
      }>
    >(
      `SELECT DISTINCT ON (case_id) case_id, timepoint, due_at, overdue_at, overdue_at <= now() AS overdue
         FROM outcome_due
        WHERE case_id = ANY($1::uuid[]) AND status = 'pending' AND due_at <= now()
        ORDER BY case_id, due_at`,
      [request.caseIds],
    );
    this.logger.log({
      msg: 'due outcomes listed',
      cases: request.caseIds.length,
      due: rows.length,
      ms: Date.now() - started,
    });
    return {
      items: rows.map((r) => ({
        caseId: r.case_id,
        timepoint: r.timepoint,
        dueAt: new Date(r.due_at).toISOString(),
        overdueAt: new Date(r.overdue_at).toISOString(),
        overdue: r.overdue,
      })),
    };
  }
}
