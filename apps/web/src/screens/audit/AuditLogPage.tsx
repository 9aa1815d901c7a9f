import { type FormEvent, useEffect, useState } from 'react';
import { toQuery } from '../../api/client';
import type { AuditEntry, Page as ApiPage } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useRouter } from '../../app/router';
import { useSignedIn } from '../../auth/session';
import { ErrorSummary, summaryOf, TextField } from '../../components/forms';
import { formatDateTime, LoadState, Pagination, TableRegion } from '../../components/misc';
import { Page } from '../../components/Page';
import {
  AUDIT_PAGE_SIZE,
  auditApiQuery,
  auditFilterErrors,
  auditFiltersFromSearch,
  auditFiltersToSearch,
  type AuditFilters,
  EMPTY_AUDIT_FILTERS,
} from './audit-filters';

/** The hub's audit trail (GET /api/v1/audit), newest first, filtered through the address bar. */
export function AuditLogPage() {
  const { api } = useSignedIn();
  const { location, navigate } = useRouter();
  const applied = auditFiltersFromSearch(location.search);
  const [draft, setDraft] = useState<AuditFilters>(applied);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const appliedKey = toQuery(auditFiltersToSearch(applied));
  // back/forward and pagination change the address: the form shows what is applied
  useEffect(() => setDraft(auditFiltersFromSearch(location.search)), [appliedKey]);
  const result = useApi(
    () => api.get<ApiPage<AuditEntry>>('/audit', auditApiQuery(applied)),
    [api, appliedKey],
  );

  const go = (filters: AuditFilters) => navigate(`/audit${toQuery(auditFiltersToSearch(filters))}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = auditFilterErrors(draft);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    go({ ...draft, page: 1 });
  };
  const clear = () => {
    setDraft(EMPTY_AUDIT_FILTERS);
    setErrors({});
    go(EMPTY_AUDIT_FILTERS);
  };
  const field = (key: keyof Omit<AuditFilters, 'page'>) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
    error: errors[key],
  });
  const serverErrors = result.error?.status === 400 ? result.error.fieldErrors() : {};

  return (
    <Page
      title="Audit log"
      lede="Every read or change of a record in this hub: who, in which role, what, when and why. Newest first."
    >
      <ErrorSummary errors={summaryOf({ ...errors, ...serverErrors })} />
      <form className="filters" onSubmit={submit} noValidate aria-label="Filter the audit log">
        <div className="filters__grid">
          <TextField
            id="action"
            label="Action"
            hint="For example account.read"
            autoComplete="off"
            {...field('action')}
          />
          <TextField
            id="entity"
            label="Record type"
            hint="For example account"
            autoComplete="off"
            {...field('entity')}
          />
          <TextField id="entityId" label="Record id" autoComplete="off" {...field('entityId')} />
          <TextField
            id="actorId"
            label="Actor id"
            hint="The account that acted"
            autoComplete="off"
            spellCheck={false}
            {...field('actorId')}
          />
          <TextField id="fromDate" label="From" type="date" {...field('fromDate')} />
          <TextField id="toDate" label="To (inclusive)" type="date" {...field('toDate')} />
        </div>
        <div className="button-group">
          <button type="submit" className="button">
            Apply filters
          </button>
          <button type="button" className="button button--secondary" onClick={clear}>
            Clear filters
          </button>
        </div>
      </form>

      <LoadState
        loading={result.loading && !result.data}
        error={result.error?.status === 400 ? undefined : result.error}
        onRetry={result.reload}
      />
      {result.data ? (
        <div aria-busy={result.loading}>
          <TableRegion label="Audit entries">
            <table className="table">
              <caption className="visually-hidden">Audit entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Record</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Purpose</th>
                </tr>
              </thead>
              <tbody>
                {result.data.items.map((entry) => (
                  <tr key={entry.id}>
                    <td className="nowrap">{formatDateTime(entry.at)}</td>
                    <td>
                      <code>{entry.action}</code>
                    </td>
                    <td>
                      {entry.entity}
                      {entry.entityId ? <span className="secondary-text mono"> {entry.entityId}</span> : null}
                    </td>
                    <td>
                      {entry.actorRole}
                      <span className="secondary-text mono"> {entry.actorId ?? 'system'}</span>
                    </td>
                    <td>{entry.purpose}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          {result.data.items.length === 0 ? (
            <p className="empty">No audit entries match these filters.</p>
          ) : null}
          <Pagination
            page={result.data.page}
            perPage={result.data.perPage || AUDIT_PAGE_SIZE}
            total={result.data.total}
            noun="entries"
            onPage={(page) => go({ ...applied, page })}
          />
        </div>
      ) : null}
    </Page>
  );
}
