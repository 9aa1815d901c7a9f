/** Every role a Linkway account can hold. A token carries exactly one, for exactly one hub. */
export const ROLES = ['referrer', 'link_worker', 'hub_manager', 'partner', 'ics_analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);
