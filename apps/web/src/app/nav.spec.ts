import { NAV_ITEMS, navFor, navItemAt } from './nav';
import { ROLES } from './roles';

describe('navFor', () => {
  it.each(ROLES)('gives %s a home screen and at least one other item', (role) => {
    const items = navFor(role);
    expect(items[0]?.path).toBe('/');
    expect(items.length).toBeGreaterThan(1);
  });

  it('shows hub managers and admins the audit log, accounts and system status as links', () => {
    for (const role of ['hub_manager', 'admin'] as const) {
      const linked = navFor(role)
        .filter((item) => item.path)
        .map((item) => item.path);
      expect(linked).toEqual([
        '/',
        ...(role === 'hub_manager'
          ? ['/allocation-queue', '/caseload-balance', '/pathway-outcomes', '/partner-responsiveness']
          : []),
        '/audit',
        '/accounts',
        '/system/services',
      ]);
    }
  });

  it.each(['referrer', 'link_worker', 'partner', 'ics_analyst'] as const)(
    'gives %s no management screen',
    (role) => {
      const management = ['/audit', '/accounts', '/system/services'];
      expect(navFor(role).filter((item) => management.includes(item.path ?? ''))).toEqual([]);
    },
  );

  it('gives link workers their caseload and partners their incoming referrals', () => {
    expect(navFor('link_worker').flatMap((item) => (item.path ? [item.path] : []))).toEqual([
      '/',
      '/caseload',
      '/directory',
    ]);
    expect(navItemAt('partner', '/partner/referrals')?.id).toBe('incoming');
    expect(navItemAt('link_worker', '/partner/referrals')).toBeUndefined();
  });

  it('gives referrers the referral form and their referrals', () => {
    expect(navFor('referrer').flatMap((item) => (item.path ? [item.path] : []))).toEqual([
      '/',
      '/referrals/new',
      '/referrals',
    ]);
  });

  it('gives hub managers, and only them, the allocation queue and partner capacity', () => {
    expect(navItemAt('hub_manager', '/allocation-queue')?.label).toBe('Allocation queue');
    expect(navItemAt('hub_manager', '/partner-responsiveness')?.label).toBe('Partner capacity');
    for (const role of ['admin', 'link_worker', 'partner'] as const) {
      expect(navItemAt(role, '/allocation-queue')).toBeUndefined();
      expect(navItemAt(role, '/partner-responsiveness')).toBeUndefined();
    }
  });

  it('gives every item a unique id and path', () => {
    const ids = NAV_ITEMS.map((item) => item.id);
    const paths = NAV_ITEMS.flatMap((item) => (item.path ? [item.path] : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('navItemAt', () => {
  it('finds a screen the role may open', () => {
    expect(navItemAt('hub_manager', '/audit')?.id).toBe('audit');
  });

  it('refuses another role’s screen reached by a typed address', () => {
    expect(navItemAt('link_worker', '/audit')).toBeUndefined();
  });
});
