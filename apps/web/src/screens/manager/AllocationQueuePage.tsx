import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import type { PractitionerLoad, QueuedCase } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useSignedIn } from '../../auth/session';
import { ErrorSummary, SelectField, summaryOf, TextField } from '../../components/forms';
import { formatDate, LoadState, Notice, Tag } from '../../components/misc';
import { Page } from '../../components/Page';
import { allocationErrors, byQueue, practitionerOptions, QUEUE_LABELS, waitingFor } from './allocation-queue';

const words = (code: string) => code.replace(/_/g, ' ');

/** Hub manager: cases waiting for a practitioner, oldest first per queue, each allocated by hand. */
export function AllocationQueuePage() {
  const { api } = useSignedIn();
  const queue = useApi(() => api.get<{ cases: QueuedCase[] }>('/casework/allocation-queue'), [api]);
  const practitioners = useApi(
    () => api.get<{ practitioners: PractitionerLoad[] }>('/casework/practitioners'),
    [api],
  );
  const [notice, setNotice] = useState('');
  const groups = byQueue(queue.data?.cases ?? []);
  return (
    <Page
      title="Allocation queue"
      lede="Cases nobody holds yet, oldest first. Safeguarding cases wait here until you allocate them."
    >
      {notice ? <Notice>{notice}</Notice> : null}
      <LoadState loading={queue.loading && !queue.data} error={queue.error} onRetry={queue.reload} />
      <LoadState loading={false} error={practitioners.error} onRetry={practitioners.reload} />
      {queue.data?.cases.length === 0 ? <p className="empty">No cases are waiting.</p> : null}
      {groups.map((group) => (
        <section className="section" key={group.queue} aria-labelledby={`queue-${group.queue}`}>
          <h2 id={`queue-${group.queue}`}>
            {QUEUE_LABELS[group.queue] ?? words(group.queue)} queue: {group.cases.length} waiting
          </h2>
          <ol className="results">
            {group.cases.map((c) => (
              <li key={c.id} className="result" data-testid="queued-case">
                <h3 className="result__title">{c.person?.displayName ?? 'Person not yet named by intake'}</h3>
                <p className="result__facts">
                  Waiting {waitingFor(c.openedAt)} (since {formatDate(c.openedAt)}).{' '}
                  {c.person ? `${c.person.age} years, ${c.person.postcodeDistrict}. ` : ''}
                  Needs: {c.needs.map(words).join(', ') || 'none recorded'}. Integration model:{' '}
                  {words(c.integrationModel)}. {c.safeguarding ? <Tag tone="red">Safeguarding</Tag> : null}
                </p>
                {practitioners.data ? (
                  <AllocateForm
                    queuedCase={c}
                    practitioners={practitioners.data.practitioners}
                    onDone={(name) => {
                      setNotice(`${c.person?.displayName ?? 'The case'} allocated to ${name}.`);
                      queue.reload();
                      practitioners.reload();
                    }}
                  />
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </Page>
  );
}

function AllocateForm({
  queuedCase,
  practitioners,
  onDone,
}: {
  queuedCase: QueuedCase;
  practitioners: PractitionerLoad[];
  onDone: (practitionerName: string) => void;
}) {
  const { api } = useSignedIn();
  const [practitionerId, setPractitionerId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const prefix = `q-${queuedCase.id}`;
  const options = practitionerOptions(practitioners, queuedCase.queue);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = allocationErrors(practitionerId, reason);
    setErrors(Object.fromEntries(Object.entries(problems).map(([k, v]) => [`${prefix}-${k}`, v])));
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await api.post(`/casework/cases/${queuedCase.id}/allocation`, {
        practitionerId,
        reason: reason.trim(),
      });
      onDone(practitioners.find((p) => p.id === practitionerId)?.name ?? 'the practitioner');
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors() : {};
      const message = error instanceof ApiError ? error.message : String(error);
      setErrors(
        fields.reason
          ? { [`${prefix}-reason`]: fields.reason }
          : { [`${prefix}-practitioner`]: fields.practitionerId ?? message },
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label="Allocate the case">
      <ErrorSummary errors={summaryOf(errors)} />
      <SelectField
        id={`${prefix}-practitioner`}
        label="Allocate to"
        hint="Open cases against capacity; those whose role takes this queue first."
        options={[{ value: '', label: 'Choose a practitioner' }, ...options]}
        value={practitionerId}
        error={errors[`${prefix}-practitioner`]}
        onChange={(e) => setPractitionerId(e.target.value)}
      />
      <TextField
        id={`${prefix}-reason`}
        label="Reason (recorded with the allocation)"
        autoComplete="off"
        value={reason}
        error={errors[`${prefix}-reason`]}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="button-group">
        <button type="submit" className="button" disabled={busy}>
          Allocate
        </button>
      </div>
    </form>
  );
}
