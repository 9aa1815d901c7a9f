/** Every role a Linkway account can hold (the gateway's auth/roles.ts); a token carries one. */
export const ROLES = ['referrer', 'link_worker', 'hub_manager', 'partner', 'ics_analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  referrer: 'Referrer',
  link_worker: 'Link worker',
  hub_manager: 'Hub manager',
  partner: 'Partner organisation',
  ics_analyst: 'ICS analyst',
  admin: 'Administrator',
};

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Roles a creator may give a new account: only an admin makes admins (the gateway enforces it too). */
export const assignableRoles = (creator: Role): Role[] =>
  creator === 'admin' ? [...ROLES] : ROLES.filter((role) => role !== 'admin');
