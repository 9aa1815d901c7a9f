import type { ReactNode } from 'react';

/** A polite live region: success and progress messages are read out without moving focus. */
export function Notice({ children, kind = 'success' }: { children: ReactNode; kind?: 'success' | 'info' }) {
  return (
    <div className={`notice notice--${kind}`} role="status">
      {children}
    </div>
  );
}

/** Loading, failed or empty: the three states every list has besides its rows. */
export function LoadState({
  loading,
  error,
  onRetry,
}: {
  loading: boolean;
  error?: { message: string };
  onRetry?: () => void;
}) {
  if (error) {
    return (
      <div className="notice notice--error" role="alert">
        <p>{error.message}</p>
        {onRetry ? (
          <button type="button" className="button button--secondary" onClick={onRetry}>
            Try again
          </button>
        ) : null}
      </div>
    );
  }
  if (loading) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  return null;
}

export function Tag({
  children,
  tone,
}: {
  children: ReactNode;
  tone: 'green' | 'red' | 'grey' | 'yellow' | 'blue';
}) {
  return <strong className={`tag tag--${tone}`}>{children}</strong>;
}

/** A table that scrolls sideways on a narrow screen, reachable and scrollable by keyboard. */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function Pagination({
  page,
  perPage,
  total,
  noun,
  onPage,
}: {
  page: number;
  perPage: number;
  total: number;
  noun: string;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const first = total === 0 ? 0 : (page - 1) * perPage + 1;
  const last = Math.min(total, page * perPage);
  return (
    <nav className="pagination" aria-label={`${noun} pages`}>
      <p className="pagination__count" aria-live="polite">
        {total === 0 ? `No ${noun}` : `Showing ${first}–${last} of ${total} ${noun}`}
      </p>
      <div className="pagination__buttons">
        <button
          type="button"
          className="button button--secondary"
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
        >
          Previous<span className="visually-hidden"> page</span>
        </button>
        <span className="pagination__page">
          Page {Math.min(page, pages)} of {pages}
        </span>
        <button
          type="button"
          className="button button--secondary"
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
        >
          Next<span className="visually-hidden"> page</span>
        </button>
      </div>
    </nav>
  );
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'Europe/London',
});
const DATE_ONLY = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' });

export const formatDateTime = (iso: string) => DATE_TIME.format(new Date(iso));
export const formatDate = (iso: string) => DATE_ONLY.format(new Date(iso));
