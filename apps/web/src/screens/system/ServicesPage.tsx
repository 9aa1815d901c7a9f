import type { ServiceState, ServiceStatus } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useSignedIn } from '../../auth/session';
import { LoadState, TableRegion, Tag } from '../../components/misc';
import { Page } from '../../components/Page';

const STATE: Record<ServiceState, { label: string; tone: 'green' | 'red' | 'yellow' }> = {
  up: { label: 'Up', tone: 'green' },
  unavailable: { label: 'Not running', tone: 'red' },
  timeout: { label: 'Not answering', tone: 'yellow' },
  error: { label: 'Error', tone: 'red' },
};

const SERVICE_LABELS: Record<string, string> = {
  'referral-intake': 'Referral intake',
  casework: 'Casework',
  'partner-directory': 'Partner directory',
  outcomes: 'Outcomes',
};

/** Which hub services answer a ping over NATS right now (GET /api/v1/system/services). */
export function ServicesPage() {
  const { api } = useSignedIn();
  const statuses = useApi(() => api.get<ServiceStatus[]>('/system/services'), [api]);
  const up = statuses.data?.filter((s) => s.status === 'up').length ?? 0;
  return (
    <Page
      title="System status"
      lede="Whether each service of this hub answers right now. The gateway asks each one and waits at most a second."
    >
      <div className="button-group">
        <button
          type="button"
          className="button button--secondary"
          onClick={statuses.reload}
          disabled={statuses.loading}
        >
          {statuses.loading ? 'Checking…' : 'Check again'}
        </button>
      </div>
      <LoadState
        loading={statuses.loading && !statuses.data}
        error={statuses.error}
        onRetry={statuses.reload}
      />
      {statuses.data ? (
        <>
          <p className="summary-line" role="status">
            {up} of {statuses.data.length} services answering.
          </p>
          <TableRegion label="Hub services">
            <table className="table">
              <caption className="visually-hidden">Hub services and their state</caption>
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  <th scope="col">State</th>
                  <th scope="col" className="numeric">
                    Answered in
                  </th>
                  <th scope="col">Version or reason</th>
                </tr>
              </thead>
              <tbody>
                {statuses.data.map((status) => (
                  <tr key={status.service}>
                    <td>{SERVICE_LABELS[status.service] ?? status.service}</td>
                    <td>
                      <Tag tone={STATE[status.status].tone}>{STATE[status.status].label}</Tag>
                    </td>
                    <td className="numeric">{status.latencyMs} ms</td>
                    <td className="break">{status.version ?? status.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      ) : null}
    </Page>
  );
}
