import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client';
import type { HubInfo } from '../api/types';
import { useSession } from '../auth/session';
import { ErrorSummary, summaryOf, TextField } from '../components/forms';
import { Notice } from '../components/misc';
import { Page } from '../components/Page';

export function SignInPage({ hub }: { hub: HubInfo | null }) {
  const { signIn, endedBecause } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!email.trim()) errors.email = 'Enter your email address';
    if (!password) errors.password = 'Enter your password';
    setFieldErrors(errors);
    setFormError(null);
    if (Object.keys(errors).length) return;
    setBusy(true);
    try {
      await signIn(email.trim(), password);
    } catch (error) {
      setPassword('');
      if (error instanceof ApiError && error.status === 401)
        setFormError('The email address or password is not right');
      else if (error instanceof ApiError && error.status === 400) setFieldErrors(error.fieldErrors());
      else setFormError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const summary = formError ? [{ field: 'email', message: formError }] : summaryOf(fieldErrors);
  return (
    <>
      <header className="header">
        <div className="header__bar width-container">
          <span className="header__brand">Linkway</span>
          {hub ? (
            <dl className="header__context" aria-label="This service">
              <div className="header__item">
                <dt>Hub</dt>
                <dd data-testid="current-hub">{hub.hubName}</dd>
              </div>
            </dl>
          ) : null}
        </div>
      </header>
      <main id="main" className="main width-container main--narrow" tabIndex={-1}>
        {endedBecause === 'signed-out' ? <Notice>You have signed out.</Notice> : null}
        {endedBecause === 'expired' ? (
          <Notice kind="info">Your session ended. Sign in again to carry on.</Notice>
        ) : null}
        <ErrorSummary errors={summary} />
        <Page
          title="Sign in"
          lede={hub ? `to ${hub.hubName}, a Linkway social prescribing hub` : 'to your Linkway hub'}
        >
          <form onSubmit={submit} noValidate aria-busy={busy}>
            <TextField
              id="email"
              label="Email address"
              type="email"
              autoComplete="username"
              spellCheck={false}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={fieldErrors.email}
            />
            <TextField
              id="password"
              label="Password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={fieldErrors.password}
            />
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        </Page>
      </main>
    </>
  );
}
