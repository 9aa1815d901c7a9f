import type { CaseQueue, PractitionerRole } from '@linkway/contracts';

export interface AllocationCandidate {
  id: string;
  role: PractitionerRole;
  active: boolean;
  caseloadCapacity: number;
  openCases: number;
}

/** Roles that take cases from each queue. The hub_manager queue is never auto-allocated. */
export const QUEUE_ROLES: Readonly<Record<CaseQueue, readonly PractitionerRole[]>> = {
  specialist_navigator: ['specialist_navigator'],
  general: ['link_worker', 'volunteer_navigator'],
  hub_manager: [],
};

/**
 * Who gets a new case from a queue: an active practitioner of a role the queue serves, with a
 * free place, the one with the most free places first (then the lowest share used, then id, so
 * the choice is deterministic). null: nobody has capacity; the case waits in its queue.
 */
export function choosePractitioner(
  queue: CaseQueue,
  candidates: readonly AllocationCandidate[],
): AllocationCandidate | null {
  const roles = QUEUE_ROLES[queue];
  const eligible = candidates.filter(
    (c) => c.active && roles.includes(c.role) && c.openCases < c.caseloadCapacity,
  );
  eligible.sort(
    (a, b) =>
      b.caseloadCapacity - b.openCases - (a.caseloadCapacity - a.openCases) ||
      a.openCases / a.caseloadCapacity - b.openCases / b.caseloadCapacity ||
      a.id.localeCompare(b.id),
  );
  return eligible[0] ?? null;
}

export interface CaseloadLoad {
  openCases: number;
  caseloadCapacity: number;
  /** openCases / capacity, 0–∞, two decimals. */
  load: number;
  overCapacity: boolean;
}

export function caseloadLoad(openCases: number, caseloadCapacity: number): CaseloadLoad {
  const load =
    caseloadCapacity > 0
      ? Math.round((openCases / caseloadCapacity) * 100) / 100
      : openCases > 0
        ? Infinity
        : 0;
  return { openCases, caseloadCapacity, load, overCapacity: openCases > caseloadCapacity };
}
