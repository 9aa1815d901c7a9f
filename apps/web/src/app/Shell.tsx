import type { ReactNode } from 'react';
import type { HubInfo } from '../api/types';
import { useSignedIn } from '../auth/session';
import { navFor } from './nav';
import { ROLE_LABELS } from './roles';
import { Link, useRouter } from './router';

/** Header with the hub and role always in view, the role's menu, and the screen. */
export function Shell({ hub, children }: { hub: HubInfo | null; children: ReactNode }) {
  const { session, signOut } = useSignedIn();
  const { location } = useRouter();
  const hubName = hub && hub.hubId === session.hubId ? hub.hubName : session.hubId;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="header">
        <div className="header__bar width-container">
          <Link to="/" className="header__brand" aria-label="Linkway home">
            Linkway
          </Link>
          <dl className="header__context" aria-label="You are signed in to">
            <div className="header__item">
              <dt>Hub</dt>
              <dd data-testid="current-hub">
                {hubName} <span className="header__hub-id">({session.hubId})</span>
              </dd>
            </div>
            <div className="header__item">
              <dt>Role</dt>
              <dd data-testid="current-role">{ROLE_LABELS[session.role]}</dd>
            </div>
          </dl>
          <div className="header__account">
            <span className="header__name" title={session.email}>
              {session.displayName}
            </span>
            <button type="button" className="button button--reverse" onClick={() => signOut('signed-out')}>
              Sign out
            </button>
          </div>
        </div>
        <nav className="nav" aria-label="Main menu">
          <ul className="nav__list width-container">
            {navFor(session.role).map((item) =>
              item.path ? (
                <li key={item.id} className="nav__item">
                  <Link
                    to={item.path}
                    className="nav__link"
                    aria-current={location.path === item.path ? 'page' : undefined}
                  >
                    {item.label}
                  </Link>
                </li>
              ) : (
                <li key={item.id} className="nav__item nav__item--soon">
                  <span className="nav__soon-label">{item.label}</span>{' '}
                  <span className="nav__soon-tag">coming soon</span>
                </li>
              ),
            )}
          </ul>
        </nav>
      </header>
      <main id="main" className="main width-container" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <div className="width-container">
          Linkway · social prescribing for {hubName} · <a href="/api/docs">API documentation</a>
        </div>
      </footer>
    </>
  );
}
