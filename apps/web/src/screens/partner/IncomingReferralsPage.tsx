import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useSignedIn } from '../../auth/session';
import { ErrorSummary, SelectField, summaryOf, TextField } from '../../components/forms';
import { LoadState, Notice, Tag } from '../../components/misc';
import { Page } from '../../components/Page';
import { answerErrors, NEEDS_REASON, NEXT_ACTIONS, REASONS } from './partner-actions';

interface PartnerReferral {
  id: string;
  serviceName: string;
  personId: string;
  status: string;
  sentAt: string;
  trail: Array<{ to: string; note: string | null; at: string }>;
}

const words = (code: string) => code.replace(/_/g, ' ');

/** GET /api/v1/partner/referrals and POST .../:id/status: a partner's incoming referrals. */
export function IncomingReferralsPage() {
  const { api } = useSignedIn();
  const list = useApi(() => api.get<{ referrals: PartnerReferral[] }>('/partner/referrals'), [api]);
  const [notice, setNotice] = useState('');
  return (
    <Page
      title="Incoming referrals"
      lede="Referrals sent to your organisation. Answer each one, with a note for the link worker."
    >
      {notice ? <Notice>{notice}</Notice> : null}
      <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />
      {list.data?.referrals.length === 0 ? <p className="empty">No referrals yet.</p> : null}
      <ol className="results">
        {list.data?.referrals.map((r) => (
          <li key={r.id} className="result" data-testid="partner-referral">
            <h2 className="result__title">{r.serviceName}</h2>
            <p>
              Sent{' '}
              {new Date(r.sentAt).toLocaleDateString('en-GB', {
                dateStyle: 'medium',
                timeZone: 'Europe/London',
              } as Intl.DateTimeFormatOptions)}{' '}
              <Tag tone={r.status === 'declined' ? 'red' : r.status === 'completed' ? 'green' : 'blue'}>
                {words(r.status)}
              </Tag>
            </p>
            {NEXT_ACTIONS[r.status] ? (
              <AnswerForm
                referral={r}
                onDone={(status) => {
                  setNotice(`Referral marked ${words(status)}.`);
                  list.reload();
                }}
              />
            ) : null}
          </li>
        ))}
      </ol>
    </Page>
  );
}

function AnswerForm({ referral, onDone }: { referral: PartnerReferral; onDone: (status: string) => void }) {
  const { api } = useSignedIn();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const prefix = `r-${referral.id.slice(0, 8)}`;
  const send = async (event: FormEvent, status: string) => {
    event.preventDefault();
    const problems = answerErrors(status, reason);
    setErrors(Object.fromEntries(Object.entries(problems).map(([k, v]) => [`${prefix}-${k}`, v])));
    if (Object.keys(problems).length) return;
    try {
      await api.post(`/partner/referrals/${referral.id}/status`, {
        status,
        note: note.trim() || undefined,
        reason: NEEDS_REASON.has(status) ? reason : undefined,
      });
      onDone(status);
    } catch (error) {
      setErrors({ [`${prefix}-note`]: error instanceof ApiError ? error.message : String(error) });
    }
  };
  const actions = NEXT_ACTIONS[referral.status] ?? [];
  return (
    <form
      noValidate
      onSubmit={(e) => e.preventDefault()}
      aria-label={`Answer the referral to ${referral.serviceName}`}
    >
      <ErrorSummary errors={summaryOf(errors)} />
      <TextField
        id={`${prefix}-note`}
        label="Note for the link worker (optional)"
        autoComplete="off"
        value={note}
        error={errors[`${prefix}-note`]}
        onChange={(e) => setNote(e.target.value)}
      />
      {actions.some((a) => NEEDS_REASON.has(a.status)) ? (
        <SelectField
          id={`${prefix}-reason`}
          label="Reason, if you decline or the person dropped out"
          options={REASONS}
          value={reason}
          error={errors[`${prefix}-reason`]}
          onChange={(e) => setReason(e.target.value)}
        />
      ) : null}
      <div className="button-group">
        {actions.map((a) => (
          <button
            key={a.status}
            type="submit"
            className={NEEDS_REASON.has(a.status) ? 'button button--secondary' : 'button'}
            onClick={(e) => void send(e, a.status)}
          >
            {a.label}
          </button>
        ))}
      </div>
    </form>
  );
}
