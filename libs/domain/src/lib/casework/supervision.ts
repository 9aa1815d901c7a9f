const DAY_MS = 86_400_000;

/** Default days between supervision sessions for a practitioner (monthly). */
export const DEFAULT_SUPERVISION_CADENCE_DAYS = 28;
/** Practitioners with less than this many days in post count as new. */
export const NEW_PRACTITIONER_DAYS = 180;

export interface SupervisionStatus {
  lastSessionAt: string | null;
  dueAt: string;
  overdue: boolean;
  daysOverdue: number;
}

/** When the next session is due (from the last one, or from the start date) and whether it is overdue. */
export function supervisionStatus(input: {
  startedAt: Date;
  lastSessionAt: Date | null;
  cadenceDays: number;
  now: Date;
}): SupervisionStatus {
  const from = input.lastSessionAt ?? input.startedAt;
  const due = new Date(from.getTime() + input.cadenceDays * DAY_MS);
  const late = input.now.getTime() - due.getTime();
  return {
    lastSessionAt: input.lastSessionAt?.toISOString() ?? null,
    dueAt: due.toISOString(),
    overdue: late > 0,
    daysOverdue: late > 0 ? Math.floor(late / DAY_MS) : 0,
  };
}

export interface PairingCandidate {
  id: string;
  startedAt: Date;
  role: string;
  /** Already mentoring this many new practitioners. */
  mentees: number;
}

/** A new practitioner's mentor: an experienced one of the same role with the fewest mentees (then longest in post). */
export function chooseMentor(
  mentee: { id: string; startedAt: Date; role: string },
  candidates: readonly PairingCandidate[],
  now: Date,
): PairingCandidate | null {
  const experienced = candidates.filter(
    (c) =>
      c.id !== mentee.id &&
      c.role === mentee.role &&
      now.getTime() - c.startedAt.getTime() >= NEW_PRACTITIONER_DAYS * DAY_MS,
  );
  experienced.sort(
    (a, b) =>
      a.mentees - b.mentees || a.startedAt.getTime() - b.startedAt.getTime() || a.id.localeCompare(b.id),
  );
  return experienced[0] ?? null;
}

export const isNewPractitioner = (startedAt: Date, now: Date) =>
  now.getTime() - startedAt.getTime() < NEW_PRACTITIONER_DAYS * DAY_MS;
