import { toQuery } from '../../api/client';
import {
  auditApiQuery,
  auditFilterErrors,
  auditFiltersFromSearch,
  auditFiltersToSearch,
  type AuditFilters,
  EMPTY_AUDIT_FILTERS,
  londonMidnight,
} from './audit-filters';

const filters = (overrides: Partial<AuditFilters> = {}): AuditFilters => ({
  ...EMPTY_AUDIT_FILTERS,
  ...overrides,
});

describe('auditFiltersFromSearch', () => {
  it('round-trips through the address bar', () => {
    const given = filters({
      action: 'account.read',
      entityId: 'abc',
      fromDate: '2026-03-01',
      toDate: '2026-03-31',
      page: 3,
    });
    expect(auditFiltersFromSearch(toQuery(auditFiltersToSearch(given)))).toEqual(given);
  });

  it('ignores malformed dates and pages', () => {
    expect(auditFiltersFromSearch('?from=yesterday&to=2026-13&page=-2')).toEqual(EMPTY_AUDIT_FILTERS);
  });

  it('keeps page 1 out of the address', () => {
    expect(toQuery(auditFiltersToSearch(filters({ action: 'x' })))).toBe('?action=x');
  });
});

describe('auditFilterErrors', () => {
  it('asks for an account id shape and ordered dates', () => {
    expect(
      auditFilterErrors(filters({ actorId: 'sam', fromDate: '2026-05-02', toDate: '2026-05-01' })),
    ).toEqual({
      actorId: expect.stringContaining('account id'),
      toDate: expect.stringContaining('after'),
    });
  });

  it('accepts one-day ranges and real ids', () => {
    expect(
      auditFilterErrors(
        filters({
          actorId: '0199a1b2-0000-7000-8000-000000000001',
          fromDate: '2026-05-01',
          toDate: '2026-05-01',
        }),
      ),
    ).toEqual({});
  });
});

describe('auditApiQuery', () => {
  it('makes "to" exclusive at the next UK midnight so the whole day is included', () => {
    const query = auditApiQuery(filters({ fromDate: '2026-07-01', toDate: '2026-07-01', page: 2 }), 25);
    // BST: London midnight is 23:00 UTC the day before
    expect(query).toMatchObject({
      from: '2026-06-30T23:00:00.000Z',
      to: '2026-07-01T23:00:00.000Z',
      page: 2,
      perPage: 25,
    });
  });

  it('uses GMT midnights in winter', () => {
    expect(londonMidnight('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });
});
