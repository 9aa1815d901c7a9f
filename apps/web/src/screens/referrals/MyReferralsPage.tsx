import { useState } from 'react';
import { formatNhsNumber, PRESENTING_NEEDS } from '@linkway/domain';
import type { Page as ApiPage, Referral } from '../../api/types';
import { useApi } from '../../api/use-api';
import { Link } from '../../app/router';
import { useSignedIn } from '../../auth/session';
import { formatDate, LoadState, Pagination, TableRegion, Tag } from '../../components/misc';
import { Page } from '../../components/Page';

const PER_PAGE = 25;
const NEED_LABELS: Record<string, string> = Object.fromEntries(
  PRESENTING_NEEDS.map((n) => [n.code, n.label]),
);

const STATUS: Record<string, { label: string; tone: 'green' | 'red' | 'grey' | 'yellow' | 'blue' }> = {
  received: { label: 'Received', tone: 'blue' },
  safeguarding_review: { label: 'Safeguarding review', tone: 'red' },
  awaiting_info: { label: 'Needs information', tone: 'yellow' },
  accepted: { label: 'Accepted', tone: 'green' },
  declined: { label: 'Declined', tone: 'grey' },
  signposted: { label: 'Signposted', tone: 'grey' },
  linked: { label: 'Linked to an open referral', tone: 'grey' },
};

/** GET /api/v1/referrals?mine=true: the referrals I sent and where each stands. */
export function MyReferralsPage() {
  const { api } = useSignedIn();
  const [page, setPage] = useState(1);
  const referrals = useApi(
    () => api.get<ApiPage<Referral>>('/referrals', { mine: true, page, perPage: PER_PAGE }),
    [api, page],
  );
  return (
    <Page
      title="My referrals"
      lede="The referrals you sent to this hub, newest first, and where each one stands."
    >
      <p>
        <Link to="/referrals/new">Refer someone</Link>
      </p>
      <LoadState
        loading={referrals.loading && !referrals.data}
        error={referrals.error}
        onRetry={referrals.reload}
      />
      {referrals.data ? (
        <div aria-busy={referrals.loading}>
          <TableRegion label="My referrals">
            <table className="table">
              <caption className="visually-hidden">Referrals you sent</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">NHS number</th>
                  <th scope="col">Reasons</th>
                  <th scope="col">Status</th>
                  <th scope="col">Sent</th>
                </tr>
              </thead>
              <tbody>
                {referrals.data.items.map((referral) => (
                  <tr key={referral.id}>
                    <td>
                      {referral.person.givenName} {referral.person.familyName}
                    </td>
                    <td className="nowrap">
                      {referral.nhsNumber
                        ? formatNhsNumber(referral.nhsNumber)
                        : (referral.localId ?? 'None given')}
                    </td>
                    <td>{referral.reasons.map((code) => NEED_LABELS[code] ?? code).join('; ')}</td>
                    <td>
                      <Tag tone={STATUS[referral.status]?.tone ?? 'grey'}>
                        {STATUS[referral.status]?.label ?? referral.status}
                      </Tag>
                    </td>
                    <td className="nowrap">{formatDate(referral.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          {referrals.data.items.length === 0 ? (
            <p className="empty">You have not sent any referrals yet.</p>
          ) : null}
          <Pagination
            page={referrals.data.page}
            perPage={referrals.data.perPage || PER_PAGE}
            total={referrals.data.total}
            noun="referrals"
            onPage={setPage}
          />
        </div>
      ) : null}
    </Page>
  );
}
