import type { PractitionerLoad } from '../../api/types';

/** The record-a-supervision-session form as typed: a date (YYYY-MM-DD), who held it, actions one a line. */
export interface SupervisionForm {
  date: string;
  supervisorId: string;
  actions: string;
}

/** Form field → message; `form` for an answer that names no field. */
export type SupervisionErrors = Partial<Record<'date' | 'supervisor' | 'actions' | 'form', string>>;

// casework's RecordSupervisionV1 limits: at most 50 actions of up to 2000 characters
const MAX_ACTIONS = 50;
const MAX_ACTION_LENGTH = 2000;

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
const UK_DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' });

/** Today at the hub (YYYY-MM-DD): the default date and the latest one allowed. */
export const hubToday = (now: Date): string => LONDON_DAY.format(now);

export const newSupervisionForm = (now: Date): SupervisionForm => ({
  date: hubToday(now),
  supervisorId: '',
  actions: '',
});

const actionLines = (actions: string) =>
  actions
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** A calendar date that exists (2026-02-30 does not). */
function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
}

/** Messages by field, each naming it; none when the form can be sent. */
export function supervisionFormErrors(
  form: SupervisionForm,
  practitionerId: string,
  today: string,
): SupervisionErrors {
  const errors: SupervisionErrors = {};
  if (!form.date) errors.date = 'Enter the date of the session';
  else if (!isRealDate(form.date)) errors.date = 'Date of the session must be a real date, like 2026-11-20';
  else if (form.date > today) errors.date = 'Date of the session cannot be in the future';
  if (!form.supervisorId) errors.supervisor = 'Choose the supervisor who held the session';
  else if (form.supervisorId === practitionerId)
    errors.supervisor = 'Supervisor must be someone other than the practitioner';
  const lines = actionLines(form.actions);
  if (lines.length > MAX_ACTIONS) errors.actions = `Actions agreed: list at most ${MAX_ACTIONS}, one a line`;
  else if (lines.some((line) => line.length > MAX_ACTION_LENGTH))
    errors.actions = `Actions agreed: keep each to ${MAX_ACTION_LENGTH} characters`;
  return errors;
}

/**
 * Body of POST /casework/practitioners/:id/supervision-sessions. The session is dated at the
 * start of its day (UTC midnight is the same calendar day in London), so "today" never lands
 * in the future; the screen does not pick cases discussed.
 */
export function supervisionRequest(form: SupervisionForm) {
  return {
    supervisorId: form.supervisorId,
    at: `${form.date}T00:00:00.000Z`,
    casesDiscussed: [] as string[],
    actions: actionLines(form.actions),
  };
}

/** The API's field errors beside the form's fields; anything else above the form. */
export function supervisionApiErrors(fields: Record<string, string>, message: string): SupervisionErrors {
  const errors: SupervisionErrors = {};
  if (fields.at) errors.date = `Date of the session: ${fields.at}`;
  if (fields.supervisorId) errors.supervisor = `Supervisor: ${fields.supervisorId}`;
  if (fields.actions) errors.actions = `Actions agreed: ${fields.actions}`;
  if (Object.keys(errors).length === 0) errors.form = message;
  return errors;
}

/** Who can have held the session: other active practitioners, supervisors first, then by name. */
export function supervisorOptions(
  practitioners: readonly PractitionerLoad[],
  practitionerId: string,
): Array<{ value: string; label: string }> {
  return practitioners
    .filter((p) => p.active && p.id !== practitionerId)
    .sort(
      (a, b) =>
        Number(b.role === 'supervisor') - Number(a.role === 'supervisor') || a.name.localeCompare(b.name),
    )
    .map((p) => ({ value: p.id, label: `${p.name} (${p.role.replace(/_/g, ' ')})` }));
}

/** "Due 20 Dec 2026", or "Overdue since 3 Feb 2025": the date either way, so a new session visibly moves it. */
export const supervisionDueText = (supervision: { dueAt: string; overdue: boolean }) =>
  `${supervision.overdue ? 'Overdue since' : 'Due'} ${UK_DATE.format(new Date(supervision.dueAt))}`;
