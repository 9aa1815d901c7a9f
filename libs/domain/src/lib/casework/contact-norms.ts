/** NHS England model: 6–12 contacts over about three months (12 weeks). */
export const CONTACT_NORM = { min: 6, max: 12, weeks: 12 } as const;
/** A case with no contact for this many days is flagged. */
export const NO_CONTACT_FLAG_DAYS = 14;

const DAY_MS = 86_400_000;

export type ContactPace = 'behind' | 'on_track' | 'above_norm' | 'complete';

export interface ContactNormView {
  attended: number;
  didNotAttend: number;
  norm: { min: number; max: number; weeks: number };
  /** Whole weeks since the case opened (capped at the norm's weeks for the expected figure). */
  weeksOpen: number;
  /** Contacts the minimum norm expects by now, pro rata over 12 weeks. */
  expectedByNow: number;
  pace: ContactPace;
  lastContactAt: string | null;
  daysSinceContact: number;
  /** No attended contact (or case opening, when there is none) within NO_CONTACT_FLAG_DAYS. */
  noContactFlag: boolean;
}

/**
 * Contacts so far against the 6–12 over ~12 weeks norm, and the 14-day no-contact flag.
 * Did-not-attend contacts do not count as contact. Closed cases are never flagged.
 */
export function contactNorms(input: {
  openedAt: Date;
  now: Date;
  contacts: ReadonlyArray<{ at: Date; didNotAttend: boolean }>;
  closed?: boolean;
  flagDays?: number;
}): ContactNormView {
  const attendedAt = input.contacts.filter((c) => !c.didNotAttend).map((c) => c.at.getTime());
  const attended = attendedAt.length;
  const didNotAttend = input.contacts.length - attended;
  const weeksOpen = Math.max(0, Math.floor((input.now.getTime() - input.openedAt.getTime()) / (7 * DAY_MS)));
  const expectedByNow = Math.floor(
    (CONTACT_NORM.min * Math.min(weeksOpen, CONTACT_NORM.weeks)) / CONTACT_NORM.weeks,
  );
  const last = attended ? Math.max(...attendedAt) : null;
  const since = last ?? input.openedAt.getTime();
  const daysSinceContact = Math.max(0, Math.floor((input.now.getTime() - since) / DAY_MS));
  let pace: ContactPace;
  if (attended > CONTACT_NORM.max) pace = 'above_norm';
  else if (attended >= CONTACT_NORM.min) pace = 'complete';
  else if (attended < expectedByNow) pace = 'behind';
  else pace = 'on_track';
  return {
    attended,
    didNotAttend,
    norm: { ...CONTACT_NORM },
    weeksOpen,
    expectedByNow,
    pace,
    lastContactAt: last === null ? null : new Date(last).toISOString(),
    daysSinceContact,
    noContactFlag: !input.closed && daysSinceContact >= (input.flagDays ?? NO_CONTACT_FLAG_DAYS),
  };
}
