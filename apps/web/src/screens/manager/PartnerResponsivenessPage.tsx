import type { PartnerResponsivenessReport } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useRouter } from '../../app/router';
import { useSignedIn } from '../../auth/session';
import { SelectField } from '../../components/forms';
import { formatDate, LoadState, TableRegion, Tag } from '../../components/misc';
import { Page } from '../../components/Page';
import { byOrganisation, capacityOf, days, percent, WINDOWS, windowOf } from './partner-responsiveness';

/** Hub manager: each partner service's capacity now and how it answered our onward referrals. */
export function PartnerResponsivenessPage() {
  const { api } = useSignedIn();
  const { location, navigate } = useRouter();
  const windowDays = windowOf(location.search);
  const report = useApi(
    () => api.get<PartnerResponsivenessReport>('/casework/partner-responsiveness', { days: windowDays }),
    [api, windowDays],
  );
  const data = report.data;
  return (
    <Page
      title="Partner capacity and responsiveness"
      lede="Places each partner service has now, and how quickly it answered the referrals we sent."
    >
      <SelectField
        id="window"
        label="Referrals sent in the last"
        options={WINDOWS.map((d) => ({ value: String(d), label: `${d} days` }))}
        value={String(windowDays)}
        onChange={(e) => navigate(`/partner-responsiveness?days=${e.target.value}`, { replace: true })}
      />
      <LoadState loading={report.loading && !data} error={report.error} onRetry={report.reload} />
      {data ? (
        <p className="summary-line">
          Since {formatDate(data.from)}. “In time” means answered within the hub’s chaser window of{' '}
          {data.nudgeAfterDays} days; it counts only referrals answered or past that window.
        </p>
      ) : null}
      {data?.services.length === 0 ? (
        <p className="empty">No referrals were sent on in this period.</p>
      ) : null}
      {data && data.services.length > 0 ? (
        <TableRegion label="Partner services">
          <table className="table" data-testid="partner-table">
            <thead>
              <tr>
                <th scope="col">Organisation and service</th>
                <th scope="col">Capacity now</th>
                <th scope="col">Sent</th>
                <th scope="col">Answered</th>
                <th scope="col">Median time to answer</th>
                <th scope="col">Answered in time</th>
                <th scope="col">Declined</th>
                <th scope="col">Waiting</th>
                <th scope="col">Expired</th>
              </tr>
            </thead>
            <tbody>
              {byOrganisation(data.services).flatMap((group) =>
                group.services.map((s) => {
                  const capacity = capacityOf(s);
                  return (
                    <tr key={s.directoryServiceId} data-testid="partner-row">
                      <th scope="row">
                        {group.organisation}
                        <br />
                        <span className="secondary-text">{s.serviceName}</span>
                      </th>
                      <td>
                        <Tag tone={capacity.tone}>{capacity.text}</Tag>
                      </td>
                      <td>{s.sent}</td>
                      <td>{s.answered}</td>
                      <td>{days(s.medianDaysToFirstAnswer)}</td>
                      <td>
                        {percent(s.answeredWithinNudgeRate)} ({s.answeredWithinNudge})
                      </td>
                      <td>
                        {percent(s.declinedRate)} ({s.declined})
                      </td>
                      <td>{s.waiting}</td>
                      <td>{s.expired}</td>
                    </tr>
                  );
                }),
              )}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
    </Page>
  );
}
