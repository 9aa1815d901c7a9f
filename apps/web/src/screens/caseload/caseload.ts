/** A case as GET /api/v1/caseload answers it: casework's summary with the person named by intake. */
export interface CaseloadCase {
  id: string;
  referralId: string;
  personId: string;
  queue: string;
  practitionerId: string | null;
  state: string;
  closureReason: string | null;
  needs: string[];
  integrationModel: string;
  openedAt: string;
  noContactFlag: boolean;
  daysSinceContact: number;
  /** A partner answered an onward referral since the link worker last opened the case (casework). */
  partnerReplied: boolean;
  /** The earliest outcome recording due by now (outcomes); null when nothing is due or not known. */
  outcomeDue: { timepoint: string; dueAt: string; overdueAt: string; overdue: boolean } | null;
  person: { displayName: string; age: number; postcodeDistrict: string; safeguarding: boolean } | null;
}

/** GET /api/v1/caseload. `outcomeDueKnown` false: outcomes did not answer, so no case shows "outcome due". */
export interface CaseloadAnswer {
  outcomeDueKnown: boolean;
  cases: CaseloadCase[];
}

export type CaseFlag = 'safeguarding' | 'new' | 'no_contact' | 'outcome_due' | 'partner_replied' | 'closed';

export const FLAG_LABELS: Record<CaseFlag, string> = {
  safeguarding: 'Safeguarding',
  new: 'New',
  no_contact: 'No contact in 14 days',
  outcome_due: 'Outcome due',
  partner_replied: 'Partner replied',
  closed: 'Closed',
};

export const TIMEPOINT_LABELS: Record<string, string> = {
  baseline: 'baseline',
  six_week: 'six weeks',
  end_of_support: 'end of support',
  six_month: 'six months',
};

/** A flag's words on the case's row: which measure is due, and whether it is overdue. */
export function flagText(flag: CaseFlag, c: CaseloadCase): string {
  if (flag !== 'outcome_due' || !c.outcomeDue) return FLAG_LABELS[flag];
  const when = TIMEPOINT_LABELS[c.outcomeDue.timepoint] ?? c.outcomeDue.timepoint.replace(/_/g, ' ');
  return `${c.outcomeDue.overdue ? 'Outcome overdue' : 'Outcome due'}: ${when}`;
}

/** Days a case counts as new after it opened, if nobody has met the person yet. */
export const NEW_CASE_DAYS = 7;

const DAY_MS = 86_400_000;

/** Flags the caseload list can show from the list answer alone (no per-case requests). */
export function caseFlags(c: CaseloadCase, now: Date = new Date()): CaseFlag[] {
  const flags: CaseFlag[] = [];
  if (c.person?.safeguarding) flags.push('safeguarding');
  if (c.state === 'closed') return [...flags, 'closed'];
  const ageDays = (now.getTime() - new Date(c.openedAt).getTime()) / DAY_MS;
  if (c.state === 'allocated' && ageDays < NEW_CASE_DAYS) flags.push('new');
  if (c.noContactFlag) flags.push('no_contact');
  if (c.outcomeDue) flags.push('outcome_due');
  if (c.partnerReplied) flags.push('partner_replied');
  return flags;
}

export type CaseloadSortKey = 'name' | 'opened' | 'state' | 'lastContact' | 'flags';
export type SortDirection = 'ascending' | 'descending';

const STATE_ORDER = [
  'allocated',
  'first_contact',
  'what_matters_conversation',
  'plan_agreed',
  'support_in_progress',
  'follow_up',
  'closed',
];

function compareBy(key: CaseloadSortKey, now: Date) {
  return (a: CaseloadCase, b: CaseloadCase): number => {
    switch (key) {
      case 'name':
        return (a.person?.displayName ?? '').localeCompare(b.person?.displayName ?? '', 'en-GB');
      case 'opened':
        return a.openedAt.localeCompare(b.openedAt);
      case 'state':
        return STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state);
      case 'lastContact':
        return a.daysSinceContact - b.daysSinceContact;
      case 'flags':
        return caseFlags(a, now).length - caseFlags(b, now).length;
    }
  };
}

/** Sorted copy; ties keep the order of opening (oldest first), so the list is stable. */
export function sortCaseload(
  cases: readonly CaseloadCase[],
  key: CaseloadSortKey,
  direction: SortDirection,
  now: Date = new Date(),
): CaseloadCase[] {
  const compare = compareBy(key, now);
  const sign = direction === 'ascending' ? 1 : -1;
  return [...cases].sort((a, b) => sign * compare(a, b) || a.openedAt.localeCompare(b.openedAt));
}

export const STATE_LABELS: Record<string, string> = {
  allocated: 'Allocated',
  first_contact: 'First contact',
  what_matters_conversation: 'What matters conversation',
  plan_agreed: 'Plan agreed',
  support_in_progress: 'Support in progress',
  follow_up: 'Follow-up',
  closed: 'Closed',
};

export const stateLabel = (state: string) => STATE_LABELS[state] ?? state.replace(/_/g, ' ');
