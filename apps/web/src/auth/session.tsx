import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type ApiClient, createApiClient } from '../api/client';
import type { Account, LoginResponse } from '../api/types';
import { clearSession, readSession, type Session, writeSession } from './session-store';

export type SignOutReason = 'signed-out' | 'expired';

interface SessionValue {
  session: Session | null;
  /** Why the last session ended, for the sign-in page's message. */
  endedBecause: SignOutReason | null;
  api: ApiClient;
  signIn(email: string, password: string): Promise<void>;
  signOut(reason?: SignOutReason): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => readSession(window.sessionStorage));
  const [endedBecause, setEndedBecause] = useState<SignOutReason | null>(null);

  const signOut = useCallback((reason: SignOutReason = 'signed-out') => {
    clearSession(window.sessionStorage);
    setSession(null);
    setEndedBecause(reason);
  }, []);

  const api = useMemo(
    () =>
      createApiClient({
        token: () => readSession(window.sessionStorage)?.token ?? null,
        onUnauthorized: () => signOut('expired'),
      }),
    [signOut],
  );

  const signIn = useCallback(async (email: string, password: string) => {
    const login = await createApiClient().post<LoginResponse>('/auth/login', { email, password });
    const me = await createApiClient({ token: () => login.accessToken }).get<Account>('/auth/me');
    const next: Session = {
      token: login.accessToken,
      expiresAt: Date.now() + login.expiresIn * 1000,
      role: login.role,
      // the federation's login has no hubId; its /auth/me names the ICS
      hubId: login.hubId ?? me.hubId,
      accountId: me.id,
      displayName: me.displayName,
      email: me.email,
    };
    writeSession(window.sessionStorage, next);
    setEndedBecause(null);
    setSession(next);
  }, []);

  // the token's own expiry signs the person out, even on a screen that makes no requests
  useEffect(() => {
    if (!session) return;
    const timer = window.setTimeout(() => signOut('expired'), Math.max(0, session.expiresAt - Date.now()));
    return () => window.clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo(
    () => ({ session, endedBecause, api, signIn, signOut }),
    [session, endedBecause, api, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** For screens behind sign-in: the session is there by construction. */
export function useSignedIn(): SessionValue & { session: Session } {
  const value = useSession();
  if (!value.session) throw new Error('useSignedIn on a screen shown without a session');
  return value as SessionValue & { session: Session };
}
