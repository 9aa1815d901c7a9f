import { navFor } from '../app/nav';
import { ROLE_LABELS } from '../app/roles';
import { Link } from '../app/router';
import type { HubInfo } from '../api/types';
import { useSignedIn } from '../auth/session';
import { Page } from '../components/Page';

export function HomePage({ hub }: { hub: HubInfo | null }) {
  const { session } = useSignedIn();
  const items = navFor(session.role).filter((item) => item.id !== 'home');
  return (
    <Page
      title={`Hello, ${session.displayName}`}
      lede={
        <>
          You are signed in as <strong>{ROLE_LABELS[session.role].toLowerCase()}</strong> at{' '}
          <strong>{hub?.hubName ?? session.hubId}</strong>.
        </>
      }
    >
      <ul className="cards">
        {items.map((item) => (
          <li key={item.id} className={`card${item.path ? '' : ' card--soon'}`}>
            <h2 className="card__title">
              {item.path ? <Link to={item.path}>{item.label}</Link> : item.label}
              {item.path ? null : <span className="nav__soon-tag"> coming soon</span>}
            </h2>
            <p className="card__text">{item.summary}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
