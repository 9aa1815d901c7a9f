import { isRole, type Role } from '../app/roles';

/** Who is signed in: kept per browser tab (sessionStorage), so closing the tab signs out. */
export interface Session {
  token: string;
  /** epoch ms */
  expiresAt: number;
  role: Role;
  hubId: string;
  accountId: string;
  displayName: string;
  email: string;
}

export const SESSION_KEY = 'linkway.session';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The stored session, or null when there is none, it is malformed or it has expired. */
export function readSession(store: KeyValueStore, now = Date.now()): Session | null {
  const raw = store.getItem(SESSION_KEY);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session>;
    if (
      typeof value.token !== 'string' ||
      typeof value.expiresAt !== 'number' ||
      !isRole(value.role) ||
      typeof value.hubId !== 'string' ||
      typeof value.accountId !== 'string' ||
      typeof value.displayName !== 'string' ||
      typeof value.email !== 'string'
    ) {
      store.removeItem(SESSION_KEY);
      return null;
    }
    if (value.expiresAt <= now) {
      store.removeItem(SESSION_KEY);
      return null;
    }
    return value as Session;
  } catch {
    store.removeItem(SESSION_KEY);
    return null;
  }
}

export const writeSession = (store: KeyValueStore, session: Session): void =>
  store.setItem(SESSION_KEY, JSON.stringify(session));

export const clearSession = (store: KeyValueStore): void => store.removeItem(SESSION_KEY);
