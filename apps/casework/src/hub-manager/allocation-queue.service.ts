import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseQueue, ListAllocationQueueV1, QueuedCaseViewV1 } from '@linkway/contracts';
import { requireRole } from '../cases/access';

/**
 * The hub manager's allocation queue: open cases nobody holds yet (nobody had a place when
 * they opened, or the safeguarding queue, which is never allocated automatically), oldest
 * first. Served by the `case_waiting` partial index; the case list's newest-500 cap would hide
 * exactly the cases that have waited longest.
 */
@Injectable()
export class AllocationQueueService {
  constructor(private readonly db: DataSource) {}

  async list(req: ListAllocationQueueV1): Promise<{ cases: QueuedCaseViewV1[] }> {
    requireRole(req.actor, ['hub_manager']);
    const rows: Array<{
      id: string;
      person_id: string;
      queue: CaseQueue;
      needs: string[];
      integration_model: string;
      safeguarding: boolean;
      opened_at: Date;
    }> = await this.db.query(
      `SELECT id, person_id, queue, needs, integration_model, safeguarding, opened_at FROM person_case
        WHERE practitioner_id IS NULL AND state <> 'closed' ${req.queue ? 'AND queue = $1' : ''}
        ORDER BY opened_at, id LIMIT 500`,
      req.queue ? [req.queue] : [],
    );
    return {
      cases: rows.map((r) => ({
        id: r.id,
        personId: r.person_id,
        queue: r.queue,
        needs: r.needs,
        integrationModel: r.integration_model,
        safeguarding: r.safeguarding,
        openedAt: new Date(r.opened_at).toISOString(),
      })),
    };
  }
}
