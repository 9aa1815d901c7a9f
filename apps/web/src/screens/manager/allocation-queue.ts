import { QUEUE_ROLES } from '@linkway/domain';
import type { PractitionerLoad, QueuedCase } from '../../api/types';

/** Safeguarding first: the hub manager queue is never allocated automatically. */
export const QUEUE_ORDER = ['hub_manager', 'specialist_navigator', 'general'] as const;

export const QUEUE_LABELS: Record<string, string> = {
  hub_manager: 'Hub manager (safeguarding)',
  specialist_navigator: 'Specialist navigator',
  general: 'General',
};

const HOUR_MS = 3_600_000;

/** "3 days", "5 hours", "under an hour": how long a case has waited since it opened. */
export function waitingFor(openedAt: string, now: Date = new Date()): string {
  const hours = Math.floor((now.getTime() - new Date(openedAt).getTime()) / HOUR_MS);
  if (hours < 1) return 'under an hour';
  if (hours < 48) return hours === 1 ? '1 hour' : `${hours} hours`;
  return `${Math.floor(hours / 24)} days`;
}

/** Waiting cases by queue, in QUEUE_ORDER, each oldest first; empty queues left out. */
export function byQueue(cases: readonly QueuedCase[]): Array<{ queue: string; cases: QueuedCase[] }> {
  const known = new Set<string>(QUEUE_ORDER);
  const queues = [...QUEUE_ORDER, ...new Set(cases.map((c) => c.queue).filter((q) => !known.has(q)))];
  return queues
    .map((queue) => ({
      queue,
      cases: cases
        .filter((c) => c.queue === queue)
        .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id)),
    }))
    .filter((group) => group.cases.length > 0);
}

export interface PractitionerOption {
  value: string;
  label: string;
  matchesQueue: boolean;
}

const ROLE_LABELS: Record<string, string> = {
  link_worker: 'link worker',
  specialist_navigator: 'specialist navigator',
  volunteer_navigator: 'volunteer navigator',
  supervisor: 'supervisor',
};

/**
 * Who a case can go to: active practitioners, those whose role takes the case's queue first,
 * then the most free places. Over capacity is allowed (the hub manager decides) but said.
 */
export function practitionerOptions(
  practitioners: readonly PractitionerLoad[],
  queue: string,
): PractitionerOption[] {
  const roles: readonly string[] = QUEUE_ROLES[queue as keyof typeof QUEUE_ROLES] ?? [];
  return practitioners
    .filter((p) => p.active)
    .map((p) => {
      const free = p.load.caseloadCapacity - p.load.openCases;
      const matchesQueue = roles.includes(p.role);
      const fit = free <= 0 ? 'over capacity' : matchesQueue ? 'takes this queue' : 'other queue';
      return {
        value: p.id,
        matchesQueue,
        free,
        label: `${p.name}, ${ROLE_LABELS[p.role] ?? p.role}: ${p.load.openCases} of ${p.load.caseloadCapacity} open (${fit})`,
      };
    })
    .sort(
      (a, b) =>
        Number(b.matchesQueue) - Number(a.matchesQueue) || b.free - a.free || a.label.localeCompare(b.label),
    )
    .map(({ value, label, matchesQueue }) => ({ value, label, matchesQueue }));
}

/** The allocation form's rules, as the gateway applies them (a practitioner, a reason of 3–1000 characters). */
export function allocationErrors(practitionerId: string, reason: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!practitionerId) errors.practitioner = 'Choose who to allocate the case to';
  const text = reason.trim();
  if (text.length < 3) errors.reason = 'Say why you allocate the case to them (at least 3 characters)';
  else if (text.length > 1000) errors.reason = 'Keep the reason to 1000 characters';
  return errors;
}
