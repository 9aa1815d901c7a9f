import { useEffect, useState } from 'react';
import type { PractitionerLoad } from '../../api/types';
import { useApi } from '../../api/use-api';
import { Link } from '../../app/router';
import { useSignedIn } from '../../auth/session';
import { formatDate, LoadState, Notice, TableRegion, Tag } from '../../components/misc';
import { Page } from '../../components/Page';
import { supervisionDueText } from './supervision-form';
import { SupervisionSessionForm } from './SupervisionSessionForm';

interface Dashboard {
  outcomes: Array<{
    measure: string;
    nPaired: number;
    meanBaseline: number | null;
    meanFollowUp: number | null;
    meanChange: number | null;
  }>;
  pathway: {
    referralsReceived: number;
    referralsAccepted: number;
    casesOpened: number;
    casesWithFirstContact: number;
    casesCompleted: number;
  };
}

interface Metrics {
  all: { pathways: number; delivered: number; steps: Array<{ step: string; reached: number }> };
}

const words = (code: string) => code.replace(/_/g, ' ');

/** Horizontal bars (inline SVG) of counts against the first one. */
function Bars({ label, rows }: { label: string; rows: Array<{ name: string; value: number }> }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowH = 26;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 400 ${rows.length * rowH}`}
        width={400}
        height={rows.length * rowH}
        role="img"
        aria-label={`${label}: ${rows.map((r) => `${r.name} ${r.value}`).join(', ')}`}
      >
        {rows.map((r, i) => (
          <g key={r.name}>
            <rect x="180" y={i * rowH + 4} width={(200 * r.value) / max} height={rowH - 8} fill="#005eb8" />
            <text x="0" y={i * rowH + 18} fontSize="13" fill="#212b32">
              {r.name}
            </text>
            <text x={186 + (200 * r.value) / max} y={i * rowH + 18} fontSize="13" fill="#212b32">
              {r.value}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** Hub manager: caseload balance, the pathway funnel and outcome change. */
export function PathwayOutcomesPage() {
  const { api } = useSignedIn();
  const dashboard = useApi(() => api.get<Dashboard>('/outcomes/dashboard'), [api]);
  const metrics = useApi(() => api.get<Metrics>('/casework/pathway-metrics'), [api]);
  const p = dashboard.data?.pathway;
  return (
    <Page
      title="Pathway and outcomes"
      lede="The journey from referral to delivered support, and the change people report."
    >
      <section className="section" aria-labelledby="funnel-title">
        <h2 id="funnel-title">From referral to delivered support</h2>
        <LoadState
          loading={dashboard.loading && !dashboard.data}
          error={dashboard.error}
          onRetry={dashboard.reload}
        />
        {p ? (
          <Bars
            label="Referral funnel"
            rows={[
              { name: 'Referrals received', value: p.referralsReceived },
              { name: 'Accepted', value: p.referralsAccepted },
              { name: 'Cases opened', value: p.casesOpened },
              { name: 'First contact', value: p.casesWithFirstContact },
              { name: 'Completed', value: p.casesCompleted },
            ]}
          />
        ) : null}
        {metrics.data && metrics.data.all.pathways > 0 ? (
          <Bars
            label="Home-environment pathway"
            rows={metrics.data.all.steps.map((s) => ({ name: words(s.step), value: s.reached }))}
          />
        ) : null}
        <LoadState loading={false} error={metrics.error} onRetry={metrics.reload} />
      </section>
      <section className="section" aria-labelledby="outcomes-title">
        <h2 id="outcomes-title">Outcome change</h2>
        {dashboard.data ? (
          <TableRegion label="Outcome change">
            <table className="table" data-testid="outcome-table">
              <thead>
                <tr>
                  <th scope="col">Measure</th>
                  <th scope="col">People paired</th>
                  <th scope="col">Mean at baseline</th>
                  <th scope="col">Mean at follow-up</th>
                  <th scope="col">Mean change</th>
                </tr>
              </thead>
              <tbody>
                {dashboard.data.outcomes.map((o) => (
                  <tr key={o.measure}>
                    <td>{words(o.measure)}</td>
                    <td>{o.nPaired}</td>
                    <td>{o.meanBaseline?.toFixed(1) ?? '–'}</td>
                    <td>{o.meanFollowUp?.toFixed(1) ?? '–'}</td>
                    <td>
                      {o.meanChange === null
                        ? '–'
                        : `${o.meanChange > 0 ? '+' : ''}${o.meanChange.toFixed(1)}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : null}
      </section>
    </Page>
  );
}

/**
 * Hub manager: open cases against capacity per practitioner, supervision due (recorded from a
 * practitioner's row, after which the list reloads with the new due date), and the queue.
 */
export function CaseloadBalancePage() {
  const { api } = useSignedIn();
  const practitioners = useApi(
    () =>
      api.get<{ practitioners: PractitionerLoad[]; queued: Record<string, number> }>(
        '/casework/practitioners',
      ),
    [api],
  );
  const [recording, setRecording] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  // when the form closes, focus goes back to the row's button rather than to the page's start
  const [closed, setClosed] = useState<string | null>(null);
  useEffect(() => {
    if (closed) document.getElementById(`record-${closed}`)?.focus();
  }, [closed]);
  const close = (id: string) => {
    setRecording(null);
    setClosed(id);
  };
  const queued = Object.values(practitioners.data?.queued ?? {}).reduce((a, b) => a + b, 0);
  const all = practitioners.data?.practitioners ?? [];
  const chosen = all.find((x) => x.id === recording);
  return (
    <Page
      title="Caseload balance"
      lede="Open cases against each practitioner's capacity, and when supervision is due."
    >
      {notice ? <Notice>{notice}</Notice> : null}
      <section className="section" aria-label="Practitioners">
        <LoadState
          loading={practitioners.loading && !practitioners.data}
          error={practitioners.error}
          onRetry={practitioners.reload}
        />
        {practitioners.data ? (
          <TableRegion label="Caseload per practitioner">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Practitioner</th>
                  <th scope="col">Open cases</th>
                  <th scope="col">Capacity</th>
                  <th scope="col">Supervision</th>
                  <th scope="col">
                    <span className="visually-hidden">Record supervision</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {all.map((x) => (
                  <tr key={x.id}>
                    <td>{x.name}</td>
                    <td>
                      {x.load.openCases} {x.load.overCapacity ? <Tag tone="red">Over capacity</Tag> : null}
                    </td>
                    <td>{x.load.caseloadCapacity}</td>
                    <td data-testid="supervision-due">
                      {x.supervision.overdue ? (
                        <Tag tone="red">{supervisionDueText(x.supervision)}</Tag>
                      ) : (
                        supervisionDueText(x.supervision)
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        id={`record-${x.id}`}
                        className="button button--secondary button--small"
                        aria-expanded={recording === x.id}
                        aria-controls={recording === x.id ? 'supervision-title' : undefined}
                        onClick={() => {
                          setNotice('');
                          setClosed(null);
                          setRecording(recording === x.id ? null : x.id);
                        }}
                      >
                        Record session<span className="visually-hidden"> for {x.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : null}
      </section>
      {chosen ? (
        <SupervisionSessionForm
          key={chosen.id}
          practitioner={chosen}
          practitioners={all}
          onCancel={() => close(chosen.id)}
          onSaved={(session) => {
            close(chosen.id);
            setNotice(`Supervision session with ${chosen.name} on ${formatDate(session.at)} recorded.`);
            practitioners.reload();
          }}
        />
      ) : null}
      {practitioners.data ? (
        <p data-testid="queued">
          Cases waiting for a link worker: {queued}.{' '}
          <Link to="/allocation-queue">Open the allocation queue</Link>
        </p>
      ) : null}
    </Page>
  );
}
