import { Fragment, useState } from 'react';
import { useApi } from '../../api/use-api';
import { Link } from '../../app/router';
import { useSignedIn } from '../../auth/session';
import { LoadState, Notice, TableRegion, Tag } from '../../components/misc';
import { Page } from '../../components/Page';
import {
  type CaseFlag,
  caseFlags,
  type CaseloadAnswer,
  type CaseloadSortKey,
  flagText,
  type SortDirection,
  sortCaseload,
  stateLabel,
} from './caseload';

const FLAG_TONES: Record<CaseFlag, 'blue' | 'red' | 'grey' | 'yellow' | 'green'> = {
  safeguarding: 'red',
  new: 'blue',
  no_contact: 'yellow',
  outcome_due: 'yellow',
  partner_replied: 'green',
  closed: 'grey',
};

const COLUMNS: Array<{ key: CaseloadSortKey; label: string }> = [
  { key: 'name', label: 'Person' },
  { key: 'state', label: 'Stage' },
  { key: 'opened', label: 'Opened' },
  { key: 'lastContact', label: 'Days since contact' },
  { key: 'flags', label: 'Flags' },
];

const ukDate = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Europe/London',
  });

/** GET /api/v1/caseload: the link worker's own cases, each person named in one batch request. */
export function CaseloadPage() {
  const { api } = useSignedIn();
  const [sort, setSort] = useState<{ key: CaseloadSortKey; direction: SortDirection }>({
    key: 'flags',
    direction: 'descending',
  });
  const result = useApi(() => api.get<CaseloadAnswer>('/caseload'), [api]);
  const rows = result.data ? sortCaseload(result.data.cases, sort.key, sort.direction) : [];
  const toggle = (key: CaseloadSortKey) =>
    setSort((s) =>
      s.key === key
        ? { key, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: 'ascending' },
    );

  return (
    <Page title="My caseload" lede="The people you support. Select a column heading to sort by it.">
      <LoadState loading={result.loading && !result.data} error={result.error} onRetry={result.reload} />
      {result.data && !result.data.outcomeDueKnown ? (
        <Notice kind="info">
          Outcome measures that are due cannot be shown just now: the outcomes service did not answer. Reload
          the page to try again.
        </Notice>
      ) : null}
      {result.data ? (
        result.data.cases.length === 0 ? (
          <p className="empty">You have no cases yet.</p>
        ) : (
          <TableRegion label="Caseload">
            <table className="table">
              <caption className="visually-hidden">
                {rows.length} cases, sorted by {COLUMNS.find((c) => c.key === sort.key)?.label} (
                {sort.direction})
              </caption>
              <thead>
                <tr>
                  {COLUMNS.map((column) => (
                    <th
                      key={column.key}
                      scope="col"
                      aria-sort={sort.key === column.key ? sort.direction : undefined}
                    >
                      <button type="button" className="sort-button" onClick={() => toggle(column.key)}>
                        {column.label}
                        <span aria-hidden="true">
                          {sort.key === column.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                        </span>
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/case?id=${c.id}`}>{c.person?.displayName ?? 'Unnamed person'}</Link>
                      {c.person ? (
                        <span className="secondary-text">
                          {' '}
                          {c.person.age} years, {c.person.postcodeDistrict}
                        </span>
                      ) : null}
                    </td>
                    <td>{stateLabel(c.state)}</td>
                    <td className="nowrap">{ukDate(c.openedAt)}</td>
                    <td>{c.daysSinceContact}</td>
                    <td>
                      {/* a space between tags, so they are read (and copied) as separate words */}
                      {caseFlags(c).map((flag) => (
                        <Fragment key={flag}>
                          <Tag tone={FLAG_TONES[flag]}>{flagText(flag, c)}</Tag>{' '}
                        </Fragment>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )
      ) : null}
    </Page>
  );
}
