import {
  clearSession,
  type KeyValueStore,
  readSession,
  SESSION_KEY,
  type Session,
  writeSession,
} from './session-store';

const memoryStore = (): KeyValueStore & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
};

const aSession = (overrides: Partial<Session> = {}): Session => ({
  token: 'header.payload.sig',
  expiresAt: 2_000_000,
  role: 'hub_manager',
  hubId: 'hub1',
  accountId: '0199a1b2-0000-7000-8000-000000000001',
  displayName: 'Hana Manager',
  email: 'hana@hub1.test',
  ...overrides,
});

describe('readSession', () => {
  it('reads back what was written while it is valid', () => {
    const store = memoryStore();
    writeSession(store, aSession());
    expect(readSession(store, 1_000_000)).toEqual(aSession());
  });

  it('drops an expired session', () => {
    const store = memoryStore();
    writeSession(store, aSession({ expiresAt: 1_000 }));
    expect(readSession(store, 1_000)).toBeNull();
    expect(store.data.has(SESSION_KEY)).toBe(false);
  });

  it.each(['not json', '{"token":"x"}', JSON.stringify({ ...aSession(), role: 'root' })])(
    'drops a malformed session %s',
    (raw) => {
      const store = memoryStore();
      store.setItem(SESSION_KEY, raw);
      expect(readSession(store, 0)).toBeNull();
      expect(store.data.size).toBe(0);
    },
  );

  it('forgets the session on sign-out', () => {
    const store = memoryStore();
    writeSession(store, aSession());
    clearSession(store);
    expect(readSession(store, 0)).toBeNull();
  });
});
