import type { Role } from './roles';

export interface NavItem {
  id: string;
  label: string;
  /** What the screen is for, shown on the home page. */
  summary: string;
  roles: readonly Role[];
  /** A screen whose API exists; without it the item is shown as "coming soon" and is not a link. */
  path?: string;
}

const MANAGERS = ['hub_manager', 'admin'] as const;

/**
 * Every screen of the web app by role, in menu order. A later screen slots in by giving its item
 * a `path` and adding its route in routes.tsx; until then it is listed, marked coming soon,
 * so people can see what is planned without being shown made-up data.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  {
    id: 'home',
    label: 'Home',
    summary: 'Your screens in this hub',
    path: '/',
    roles: ['referrer', 'link_worker', 'hub_manager', 'partner', 'ics_analyst', 'admin'],
  },
  {
    id: 'refer',
    label: 'Refer someone',
    summary: 'Send a referral to the link worker service',
    path: '/referrals/new',
    roles: ['referrer'],
  },
  {
    id: 'my-referrals',
    label: 'My referrals',
    summary: 'The status of the referrals you sent',
    path: '/referrals',
    roles: ['referrer'],
  },
  {
    id: 'caseload',
    label: 'My caseload',
    summary: 'The people you support, with what needs doing next',
    path: '/caseload',
    roles: ['link_worker'],
  },
  {
    id: 'directory',
    label: 'Directory search',
    summary: 'Find a service to refer on to, with distance, eligibility and capacity',
    path: '/directory',
    roles: ['link_worker'],
  },
  {
    id: 'incoming',
    label: 'Incoming referrals',
    summary: 'Accept, decline, start and complete referrals sent to your organisation',
    path: '/partner/referrals',
    roles: ['partner'],
  },
  {
    id: 'allocation',
    label: 'Allocation queue',
    summary: 'Cases waiting for a practitioner, oldest first, to allocate by hand',
    path: '/allocation-queue',
    roles: ['hub_manager'],
  },
  {
    id: 'caseload-balance',
    label: 'Caseload balance',
    summary: 'Open cases and supervision due per practitioner',
    path: '/caseload-balance',
    roles: ['hub_manager'],
  },
  {
    id: 'funnel',
    label: 'Pathway and outcomes',
    summary: 'From referral to delivered intervention, and the change in outcome measures',
    path: '/pathway-outcomes',
    roles: ['hub_manager'],
  },
  {
    id: 'partner-responsiveness',
    label: 'Partner capacity',
    summary: "Partner services' places now and how quickly they answer our referrals",
    path: '/partner-responsiveness',
    roles: ['hub_manager'],
  },
  {
    id: 'hub-comparison',
    label: 'Hub comparison',
    summary: 'Hubs side by side, with small numbers suppressed',
    path: '/hub-comparison',
    roles: ['ics_analyst'],
  },
  {
    id: 'audit',
    label: 'Audit log',
    summary: 'Who read or changed what, and when',
    path: '/audit',
    roles: MANAGERS,
  },
  {
    id: 'accounts',
    label: 'Accounts',
    summary: 'Create accounts and disable the ones no longer needed',
    path: '/accounts',
    roles: MANAGERS,
  },
  {
    id: 'services',
    label: 'System status',
    summary: 'Which hub services answer right now',
    path: '/system/services',
    roles: MANAGERS,
  },
];

export const navFor = (role: Role): NavItem[] => NAV_ITEMS.filter((item) => item.roles.includes(role));

/** The item a path belongs to, if the role may see it (deep links to other roles' screens are refused). */
export const navItemAt = (role: Role, path: string): NavItem | undefined =>
  navFor(role).find((item) => item.path !== undefined && item.path === path);
