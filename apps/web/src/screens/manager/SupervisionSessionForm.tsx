import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { PractitionerLoad, SupervisionSession } from '../../api/types';
import { useSignedIn } from '../../auth/session';
import { ErrorSummary, SelectField, summaryOf, TextField } from '../../components/forms';
import {
  hubToday,
  newSupervisionForm,
  type SupervisionErrors,
  supervisionApiErrors,
  supervisionFormErrors,
  supervisionRequest,
  supervisorOptions,
} from './supervision-form';

const FIELD_IDS = {
  date: 'supervision-date',
  supervisor: 'supervision-supervisor',
  actions: 'supervision-actions',
};

/**
 * Record one supervision session for a practitioner (POST .../supervision-sessions). Opened from
 * the practitioner's row; its heading takes focus so a keyboard or screen reader user lands in it.
 */
export function SupervisionSessionForm({
  practitioner,
  practitioners,
  onSaved,
  onCancel,
}: {
  practitioner: PractitionerLoad;
  practitioners: readonly PractitionerLoad[];
  onSaved: (session: SupervisionSession) => void;
  onCancel: () => void;
}) {
  const { api } = useSignedIn();
  const [form, setForm] = useState(() => newSupervisionForm(new Date()));
  const [errors, setErrors] = useState<SupervisionErrors>({});
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [practitioner.id]);
  const set = (key: keyof typeof form, value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = supervisionFormErrors(form, practitioner.id, hubToday(new Date()));
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      onSaved(
        await api.post<SupervisionSession>(
          `/casework/practitioners/${practitioner.id}/supervision-sessions`,
          supervisionRequest(form),
        ),
      );
    } catch (error) {
      setErrors(
        error instanceof ApiError
          ? supervisionApiErrors(error.fieldErrors(), error.message)
          : { form: String(error) },
      );
    } finally {
      setBusy(false);
    }
  };

  const { form: formError, ...fieldErrors } = errors;
  const summary = [
    ...summaryOf(
      Object.fromEntries(
        Object.entries(fieldErrors).map(([field, message]) => [
          FIELD_IDS[field as keyof typeof FIELD_IDS],
          message,
        ]),
      ),
    ),
    ...(formError ? [{ message: formError }] : []),
  ];
  const actionsDescribedBy = [`${FIELD_IDS.actions}-hint`, errors.actions ? `${FIELD_IDS.actions}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <section className="section" aria-labelledby="supervision-title">
      <h2 id="supervision-title" tabIndex={-1} ref={heading}>
        Record a supervision session with {practitioner.name}
      </h2>
      <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="supervision-title">
        <ErrorSummary errors={summary} />
        <TextField
          id={FIELD_IDS.date}
          label="Date of the session"
          hint="Today or earlier."
          type="date"
          max={hubToday(new Date())}
          value={form.date}
          error={errors.date}
          onChange={(e) => set('date', e.target.value)}
        />
        <SelectField
          id={FIELD_IDS.supervisor}
          label="Supervisor"
          hint="The practitioner who held the session."
          options={[
            { value: '', label: 'Choose a supervisor' },
            ...supervisorOptions(practitioners, practitioner.id),
          ]}
          value={form.supervisorId}
          error={errors.supervisor}
          onChange={(e) => set('supervisorId', e.target.value)}
        />
        <div className={`field${errors.actions ? ' field--error' : ''}`}>
          <label className="field__label" htmlFor={FIELD_IDS.actions}>
            Actions agreed (optional)
          </label>
          <div className="field__hint" id={`${FIELD_IDS.actions}-hint`}>
            One a line, up to 50.
          </div>
          {errors.actions ? (
            <p className="field__error" id={`${FIELD_IDS.actions}-error`}>
              <span className="visually-hidden">Error:</span> {errors.actions}
            </p>
          ) : null}
          <textarea
            id={FIELD_IDS.actions}
            name={FIELD_IDS.actions}
            className="input textarea"
            rows={4}
            aria-describedby={actionsDescribedBy}
            aria-invalid={errors.actions ? true : undefined}
            value={form.actions}
            onChange={(e) => set('actions', e.target.value)}
          />
        </div>
        <div className="button-group">
          <button type="submit" className="button" disabled={busy}>
            Save session
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
