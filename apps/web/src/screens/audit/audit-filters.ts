import type { QueryValue } from '../../api/client';

/** The audit screen's filters as the form and the address bar hold them (dates as YYYY-MM-DD). */
export interface AuditFilters {
  action: string;
  entity: string;
  entityId: string;
  actorId: string;
  fromDate: string;
  toDate: string;
  page: number;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = {
  action: '',
  entity: '',
  entityId: '',
  actorId: '',
  fromDate: '',
  toDate: '',
  page: 1,
};

export const AUDIT_PAGE_SIZE = 25;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Filters from the address bar, so a filtered page can be bookmarked, shared and reloaded. */
export function auditFiltersFromSearch(search: string): AuditFilters {
  const params = new URLSearchParams(search);
  const text = (key: string) => (params.get(key) ?? '').trim();
  const date = (key: string) => (DATE.test(text(key)) ? text(key) : '');
  const page = Number.parseInt(text('page'), 10);
  return {
    action: text('action'),
    entity: text('entity'),
    entityId: text('entityId'),
    actorId: text('actorId'),
    fromDate: date('from'),
    toDate: date('to'),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The address-bar form of the filters (empty ones and page 1 left out). */
export function auditFiltersToSearch(filters: AuditFilters): Record<string, QueryValue> {
  return {
    action: filters.action,
    entity: filters.entity,
    entityId: filters.entityId,
    actorId: filters.actorId,
    from: filters.fromDate,
    to: filters.toDate,
    page: filters.page > 1 ? filters.page : undefined,
  };
}

/** Problems a person can fix before anything is sent, by form field id. */
export function auditFilterErrors(filters: AuditFilters): Record<string, string> {
  const errors: Record<string, string> = {};
  if (filters.actorId && !UUID.test(filters.actorId)) {
    errors.actorId = 'Actor id must be an account id, like 0199a1b2-0000-7000-8000-000000000000';
  }
  if (filters.fromDate && filters.toDate && filters.toDate < filters.fromDate) {
    errors.toDate = 'The "to" date must be the same as or after the "from" date';
  }
  return errors;
}

/**
 * The gateway's query: `from` inclusive and `to` exclusive instants, so a "to" date includes the
 * whole of that day. Days are UK days (Europe/London), whatever the browser's zone.
 */
export function auditApiQuery(filters: AuditFilters, perPage = AUDIT_PAGE_SIZE): Record<string, QueryValue> {
  return {
    action: filters.action,
    entity: filters.entity,
    entityId: filters.entityId,
    actorId: filters.actorId,
    from: filters.fromDate ? londonMidnight(filters.fromDate).toISOString() : undefined,
    to: filters.toDate ? londonMidnight(nextDay(filters.toDate)).toISOString() : undefined,
    page: filters.page,
    perPage,
  };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** 00:00 on that date in London (GMT or BST). */
export function londonMidnight(date: string): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  // London is UTC+0 or UTC+1: its offset at that instant says which
  const hourInLondon = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(
      utcMidnight,
    ),
  );
  return new Date(utcMidnight.getTime() - hourInLondon * 3_600_000);
}
