import { type FormEvent, type ReactNode, useState } from 'react';
import {
  CONSENT_METHODS,
  HOME_ENVIRONMENT_RISKS,
  PRESENTING_NEEDS,
  REFERRER_TYPE_LABELS,
  type ReferrerType,
} from '@linkway/domain';
import { ApiError } from '../../api/client';
import type { ReferralCreated } from '../../api/types';
import { Link } from '../../app/router';
import { useSignedIn } from '../../auth/session';
import { ErrorSummary, SelectField, summaryOf, TextField } from '../../components/forms';
import { Notice } from '../../components/misc';
import { Page } from '../../components/Page';
import { nhsNumberMessage } from '../../forms/nhs-number';
import {
  AGENCY_REFERRER_TYPES,
  EMPTY_REFERRAL_FORM,
  formFieldOf,
  type ReferralForm,
  referralFormErrors,
  referralRequest,
} from './referral-form';

const METHOD_LABELS: Record<string, string> = {
  verbal: 'Spoken',
  written: 'Written',
  electronic: 'Electronic',
};
const todayInLondon = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const newKey = () => crypto.randomUUID();

/** POST /api/v1/referrals: a referral from an agency, with inline checks before it is sent. */
export function ReferPage() {
  const { api } = useSignedIn();
  const [form, setForm] = useState<ReferralForm>(EMPTY_REFERRAL_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState<ReferralCreated | null>(null);
  const [busy, setBusy] = useState(false);
  // one key per draft: a retried submit after a lost answer cannot make a second referral
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);

  const set = <K extends keyof ReferralForm>(key: K, value: ReferralForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const toggle = (key: 'reasons' | 'homeScreen', code: string, on: boolean) =>
    setForm((f) => ({ ...f, [key]: on ? [...f[key], code] : f[key].filter((c) => c !== code) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = referralFormErrors(form, todayInLondon());
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const answer = await api.post<ReferralCreated>('/referrals', referralRequest(form, new Date()), {
        'idempotency-key': idempotencyKey,
      });
      setSent(answer);
      setForm(EMPTY_REFERRAL_FORM);
      setIdempotencyKey(newKey());
    } catch (error) {
      if (error instanceof ApiError && error.details.length) {
        const byField: Record<string, string> = {};
        for (const { field, reason } of error.details) byField[formFieldOf(field)] ??= reason;
        setErrors(byField);
      } else setFormError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  if (sent) {
    return (
      <Page title={sent.linked ? 'Referral linked' : 'Referral sent'}>
        <Notice>
          {sent.linked
            ? `${sent.referral.person.givenName} ${sent.referral.person.familyName} already has an open referral in this hub, so yours was added to it.`
            : `The link worker service has your referral for ${sent.referral.person.givenName} ${sent.referral.person.familyName}.`}
        </Notice>
        <div className="button-group">
          <Link to="/referrals" className="button">
            See my referrals
          </Link>
          <button type="button" className="button button--secondary" onClick={() => setSent(null)}>
            Refer someone else
          </button>
        </div>
      </Page>
    );
  }

  const summary = formError ? [{ message: formError }] : summaryOf(errors);
  return (
    <Page
      title="Refer someone"
      lede="To the link worker service of this hub. Questions marked optional can be left out."
    >
      <ErrorSummary errors={summary} />
      <form onSubmit={submit} noValidate aria-busy={busy} className="form-narrow">
        <h2>The person</h2>
        <TextField
          id="nhsNumber"
          label="NHS number (optional)"
          hint="10 digits, like 943 476 5919. Leave it out if the person does not have one."
          inputMode="numeric"
          autoComplete="off"
          className="input--10"
          value={form.nhsNumber}
          onChange={(e) => set('nhsNumber', e.target.value)}
          onBlur={() =>
            setErrors(({ nhsNumber: _, ...rest }) => ({
              ...rest,
              ...(nhsNumberMessage(form.nhsNumber)
                ? { nhsNumber: nhsNumberMessage(form.nhsNumber) as string }
                : {}),
            }))
          }
          error={errors.nhsNumber}
        />
        <TextField
          id="givenName"
          label="First name"
          autoComplete="off"
          value={form.givenName}
          onChange={(e) => set('givenName', e.target.value)}
          error={errors.givenName}
        />
        <TextField
          id="familyName"
          label="Last name"
          autoComplete="off"
          value={form.familyName}
          onChange={(e) => set('familyName', e.target.value)}
          error={errors.familyName}
        />
        <TextField
          id="dateOfBirth"
          label="Date of birth"
          type="date"
          value={form.dateOfBirth}
          onChange={(e) => set('dateOfBirth', e.target.value)}
          error={errors.dateOfBirth}
        />
        <TextField
          id="postcode"
          label="Postcode"
          autoComplete="off"
          value={form.postcode}
          onChange={(e) => set('postcode', e.target.value)}
          error={errors.postcode}
        />

        <h2>The referral</h2>
        <SelectField
          id="referrerType"
          label="You are referring as"
          value={form.referrerType}
          onChange={(e) => set('referrerType', e.target.value)}
          error={errors.referrerType}
          options={[
            { value: '', label: 'Choose one' },
            ...AGENCY_REFERRER_TYPES.map((type) => ({
              value: type,
              label: REFERRER_TYPE_LABELS[type as ReferrerType],
            })),
          ]}
        />
        <CheckboxGroup
          id="reasons"
          legend="Reasons for the referral"
          hint="Choose all that apply."
          error={errors.reasons}
        >
          {PRESENTING_NEEDS.map((need) => (
            <Checkbox
              key={need.code}
              name="reasons"
              code={need.code}
              label={need.label}
              checked={form.reasons.includes(need.code)}
              onChange={(on) => toggle('reasons', need.code, on)}
            />
          ))}
        </CheckboxGroup>
        <CheckboxGroup
          id="homeScreen"
          legend="Home environment (optional)"
          hint="Tick any the person said yes to."
          error={errors.homeScreen}
        >
          {HOME_ENVIRONMENT_RISKS.map((risk) => (
            <Checkbox
              key={risk.code}
              name="homeScreen"
              code={risk.code}
              label={risk.label}
              checked={form.homeScreen.includes(risk.code)}
              onChange={(on) => toggle('homeScreen', risk.code, on)}
            />
          ))}
        </CheckboxGroup>
        <CheckboxGroup id="safeguardingGroup" legend="Safeguarding">
          <Checkbox
            name="safeguarding"
            code="yes"
            label="I have a safeguarding concern about this person"
            checked={form.safeguarding}
            onChange={(on) => set('safeguarding', on)}
          />
        </CheckboxGroup>
        <div className="field">
          <label className="field__label" htmlFor="note">
            What the link worker should know (optional)
          </label>
          <textarea
            id="note"
            name="note"
            className="input textarea"
            rows={4}
            maxLength={2000}
            value={form.note}
            onChange={(e) => set('note', e.target.value)}
          />
        </div>

        <h2>Consent</h2>
        <CheckboxGroup id="consentAgreed" legend="Agreement to be referred" error={errors.consentAgreed}>
          <Checkbox
            name="consentAgreed"
            code="yes"
            label="The person (or their representative) agreed to this referral and to sharing these details"
            checked={form.consentAgreed}
            onChange={(on) => set('consentAgreed', on)}
          />
        </CheckboxGroup>
        <SelectField
          id="consentGivenBy"
          label="Who agreed"
          value={form.consentGivenBy}
          onChange={(e) => set('consentGivenBy', e.target.value)}
          error={errors.consentGivenBy}
          options={[
            { value: 'person', label: 'The person' },
            { value: 'representative', label: 'Their representative' },
          ]}
        />
        <SelectField
          id="consentMethod"
          label="How they agreed"
          value={form.consentMethod}
          onChange={(e) => set('consentMethod', e.target.value)}
          error={errors.consentMethod}
          options={CONSENT_METHODS.map((method) => ({
            value: method,
            label: METHOD_LABELS[method] ?? method,
          }))}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Sending…' : 'Send referral'}
        </button>
      </form>
    </Page>
  );
}

function CheckboxGroup({
  id,
  legend,
  hint,
  error,
  children,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  const describedBy =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <fieldset className="fieldset" aria-describedby={describedBy} id={id} tabIndex={-1}>
        <legend className="field__label">{legend}</legend>
        {hint ? (
          <div className="field__hint" id={`${id}-hint`}>
            {hint}
          </div>
        ) : null}
        {error ? (
          <p className="field__error" id={`${id}-error`}>
            <span className="visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="checkboxes">{children}</div>
      </fieldset>
    </div>
  );
}

function Checkbox({
  name,
  code,
  label,
  checked,
  onChange,
}: {
  name: string;
  code: string;
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  const id = `${name}-${code}`;
  return (
    <div className="checkbox">
      <input
        type="checkbox"
        id={id}
        name={name}
        value={code}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
