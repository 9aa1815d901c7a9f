import { useState } from 'react';
import { useApi } from '../../api/use-api';
import { useSignedIn } from '../../auth/session';
import { SelectField } from '../../components/forms';
import { LoadState, TableRegion, Tag } from '../../components/misc';
import { Page } from '../../components/Page';
import { anySuppressed, columnLabel, type Figure, groupLabel, showFigure } from './ics-figures';

interface CompareReport {
  by: string;
  columns: string[];
  rows: Array<{
    group: string;
    hubs: string[];
    counts: Record<string, Figure>;
    acceptancePct: Figure;
    homeConversionPct: Figure;
  }>;
  ics: { counts: Record<string, Figure>; acceptancePct: Figure; homeConversionPct: Figure };
}

interface TrendsReport {
  columns: string[];
  rows: Array<{ period: string; counts: Record<string, Figure>; acceptancePct: Figure }>;
}

interface Hub {
  hubId: string;
  name: string;
  lastSnapshotAt: string | null;
}

const DIMENSIONS = [
  { value: 'compare-integration-model', label: 'Integration model' },
  { value: 'compare-archetype', label: 'Hub archetype' },
];

/**
 * ICS analyst (served by the federation app, same build): hubs grouped by integration model or
 * archetype, trends by month, stale hubs and a CSV of the comparison. Every figure arrives
 * disclosure-controlled from the federation; `*` is shown as it comes, with a legend.
 */
export function HubComparisonPage() {
  const { session } = useSignedIn();
  if (session.hubId !== ICS_ID) {
    return (
      <Page title="Hub comparison">
        <p data-testid="ics-elsewhere">
          Hubs are compared on the ICS federation site, not on a hub’s own site: sign in there with your ICS
          account. A hub holds only its own people’s records; the federation holds only hubs’ de-identified
          figures.
        </p>
      </Page>
    );
  }
  return <IcsComparison />;
}

/** The hub id the federation's /auth/me gives its accounts. */
const ICS_ID = 'ics';

function IcsComparison() {
  const { api, session } = useSignedIn();
  const [report, setReport] = useState(DIMENSIONS[0].value);
  const compare = useApi(() => api.get<CompareReport>(`/reports/${report}`), [api, report]);
  const trends = useApi(() => api.get<TrendsReport>('/reports/trends'), [api]);
  const stale = useApi(() => api.get<Hub[]>('/hubs/stale'), [api]);
  const [csvError, setCsvError] = useState('');

  // the CSV needs the bearer token, so it is fetched and handed to the browser as a file
  const downloadCsv = async () => {
    setCsvError('');
    const response = await fetch(`/api/v1/reports/${report}.csv`, {
      headers: { authorization: `Bearer ${session.token}` },
    }).catch(() => null);
    if (!response?.ok) {
      setCsvError('The CSV could not be made. Try again.');
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `${report}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const figures = [
    ...(compare.data?.rows.flatMap((r) => Object.values(r.counts)) ?? []),
    ...(trends.data?.rows.flatMap((r) => Object.values(r.counts)) ?? []),
  ];
  return (
    <Page title="Hub comparison" lede="Hubs side by side from their de-identified monthly figures.">
      <p className="notice notice--info" data-testid="legend">
        <strong>*</strong> means a figure from 1 to 7 people, hidden so nobody can be identified. Other counts
        are rounded to the nearest 5, and percentages are worked out from the rounded counts.
        {anySuppressed(figures) ? ' Some figures below are hidden.' : ''}
      </p>
      <section className="section" aria-labelledby="compare-title">
        <h2 id="compare-title">Comparison</h2>
        <div className="filters filters--inline">
          <SelectField
            id="compare-by"
            label="Compare by"
            options={DIMENSIONS}
            value={report}
            onChange={(e) => setReport(e.target.value)}
          />
          <button type="button" className="button button--secondary" onClick={() => void downloadCsv()}>
            Download CSV
          </button>
        </div>
        {csvError ? (
          <p className="notice notice--error" role="alert">
            {csvError}
          </p>
        ) : null}
        <LoadState
          loading={compare.loading && !compare.data}
          error={compare.error}
          onRetry={compare.reload}
        />
        {compare.data ? (
          <TableRegion label="Hub comparison">
            <table className="table" data-testid="comparison">
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  {compare.data.columns.map((c) => (
                    <th scope="col" key={c}>
                      {columnLabel(c)}
                    </th>
                  ))}
                  <th scope="col">Accepted %</th>
                  <th scope="col">Home conversion %</th>
                </tr>
              </thead>
              <tbody>
                {compare.data.rows.map((r) => (
                  <tr key={r.group}>
                    <th scope="row">
                      {groupLabel(r.group)} <span className="secondary-text">({r.hubs.join(', ')})</span>
                    </th>
                    {compare.data?.columns.map((c) => (
                      <td key={c}>{showFigure(r.counts[c])}</td>
                    ))}
                    <td>{showFigure(r.acceptancePct, '%')}</td>
                    <td>{showFigure(r.homeConversionPct, '%')}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">All hubs (ICS)</th>
                  {compare.data.columns.map((c) => (
                    <td key={c}>{showFigure(compare.data?.ics.counts[c])}</td>
                  ))}
                  <td>{showFigure(compare.data.ics.acceptancePct, '%')}</td>
                  <td>{showFigure(compare.data.ics.homeConversionPct, '%')}</td>
                </tr>
              </tbody>
            </table>
          </TableRegion>
        ) : null}
      </section>
      <section className="section" aria-labelledby="trends-title">
        <h2 id="trends-title">Trends</h2>
        <LoadState loading={trends.loading && !trends.data} error={trends.error} onRetry={trends.reload} />
        {trends.data ? (
          <TableRegion label="Trends by month">
            <table className="table" data-testid="trends">
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  {trends.data.columns.map((c) => (
                    <th scope="col" key={c}>
                      {columnLabel(c)}
                    </th>
                  ))}
                  <th scope="col">Accepted %</th>
                </tr>
              </thead>
              <tbody>
                {trends.data.rows.map((r) => (
                  <tr key={r.period}>
                    <th scope="row">{r.period}</th>
                    {trends.data?.columns.map((c) => (
                      <td key={c}>{showFigure(r.counts[c])}</td>
                    ))}
                    <td>{showFigure(r.acceptancePct, '%')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : null}
      </section>
      <section className="section" aria-labelledby="stale-title">
        <h2 id="stale-title">Stale hubs</h2>
        <LoadState loading={stale.loading && !stale.data} error={stale.error} onRetry={stale.reload} />
        {stale.data ? (
          stale.data.length ? (
            <ul data-testid="stale-hubs">
              {stale.data.map((h) => (
                <li key={h.hubId}>
                  {h.name} ({h.hubId}) <Tag tone="yellow">Stale</Tag>{' '}
                  {h.lastSnapshotAt
                    ? `last figures ${new Date(h.lastSnapshotAt).toLocaleDateString('en-GB')}`
                    : 'no figures yet'}
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">Every hub has sent recent figures.</p>
          )
        ) : null}
      </section>
    </Page>
  );
}
