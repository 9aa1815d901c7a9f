/** The only roles the federation admits. Hub staff (referrer, link_worker, hub_manager, partner) get 403. */
export const ICS_ROLES = ['ics_analyst', 'admin'] as const;
export type IcsRole = (typeof ICS_ROLES)[number];
export const isIcsRole = (role: unknown): role is IcsRole => (ICS_ROLES as readonly unknown[]).includes(role);

/** The `hub` claim of tokens the federation issues: its accounts belong to the ICS, not to a hub. */
export const ICS_HUB_CLAIM = 'ics';
