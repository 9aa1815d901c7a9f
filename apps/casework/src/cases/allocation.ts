import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseQueue } from '@linkway/contracts';
import { type AllocationCandidate, choosePractitioner } from '@linkway/domain';
import { uuidv7 } from '@linkway/util';

const logger = new Logger('Allocation');

/**
 * Active practitioners with their open cases. Their rows are locked for the transaction, so two
 * allocations at once cannot both take the last place.
 */
export async function allocationCandidates(m: EntityManager): Promise<AllocationCandidate[]> {
  await m.query(`SELECT id FROM practitioner WHERE active ORDER BY id FOR UPDATE`);
  const rows: Array<{
    id: string;
    role: string;
    active: boolean;
    caseload_capacity: number;
    open_cases: number;
  }> = await m.query(
    `SELECT p.id, p.role, p.active, p.caseload_capacity,
         (SELECT count(*)::int FROM person_case c WHERE c.practitioner_id = p.id AND c.state <> 'closed') AS open_cases
       FROM practitioner p WHERE p.active`,
  );
  return rows.map((r) => ({
    id: r.id,
    role: r.role as AllocationCandidate['role'],
    active: r.active,
    caseloadCapacity: r.caseload_capacity,
    openCases: r.open_cases,
  }));
}

/**
 * Cases waiting in a queue (nobody had a place when they opened) go, oldest first, to whoever
 * has a place now. Run when capacity appears: a case closes, a practitioner is added or changed.
 * The hub manager queue is never drained automatically.
 */
export async function allocateWaiting(m: EntityManager): Promise<number> {
  const waiting: Array<{ id: string; queue: CaseQueue }> = await m.query(
    `SELECT id, queue FROM person_case
     WHERE practitioner_id IS NULL AND state <> 'closed' AND queue <> 'hub_manager'
     ORDER BY opened_at, id LIMIT 500 FOR UPDATE SKIP LOCKED`,
  );
  if (!waiting.length) return 0;
  const candidates = await allocationCandidates(m);
  let allocated = 0;
  for (const c of waiting) {
    const chosen = choosePractitioner(c.queue, candidates);
    if (!chosen) continue;
    chosen.openCases += 1;
    await m.query(`UPDATE person_case SET practitioner_id = $2, updated_at = now() WHERE id = $1`, [
      c.id,
      chosen.id,
    ]);
    await m.query(
      `INSERT INTO case_allocation (id, case_id, practitioner_id, by, reason, at) VALUES ($1, $2, $3, 'system', 'from queue', now())`,
      [uuidv7(), c.id, chosen.id],
    );
    allocated += 1;
  }
  if (allocated) logger.log({ msg: 'waiting cases allocated', allocated, waiting: waiting.length });
  return allocated;
}
