import { type FormEvent, useState } from 'react';
import { ONS4_ITEM_LABELS, ONS4_ITEMS, ONS4_SCALAR, type Ons4Item } from '@linkway/domain';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { Link, useRouter } from '../../app/router';
import { useSignedIn } from '../../auth/session';
import { ErrorSummary, SelectField, summaryOf, TextField } from '../../components/forms';
import { LoadState, Notice, Tag } from '../../components/misc';
import { Page } from '../../components/Page';
import { capacityText } from '../directory/directory-search';
import type { CaseloadAnswer } from '../caseload/caseload';
import { stateLabel } from '../caseload/caseload';
import {
  chartPoints,
  checkContact,
  checkOns4,
  type ContactDraft,
  emptyOns4,
  type Ons4Draft,
} from './case-forms';
import {
  checkStageChange,
  CLOSURE_REASON_LABELS,
  nextStages,
  type StageDraft,
  stageErrorsFrom,
  stageOptionLabel,
  stageRequest,
} from './case-stage';

interface CaseView {
  id: string;
  personId: string;
  state: string;
  safeguarding: boolean;
  needs: string[];
  referrerType: string;
  openedAt: string;
  contacts: Array<{
    id: string;
    at: string;
    mode: string;
    durationMinutes: number;
    notes: string | null;
    didNotAttend: boolean;
  }>;
  contactNorms: { daysSinceContact: number; noContactFlag: boolean; pace: string };
  whatMatters: { whatMatters: string; strengths: string; concerns: string } | null;
  plan: {
    version: number;
    agreedDate: string | null;
    goals: Array<{
      id: string;
      goal: string;
      whyItMatters: string;
      status: string;
      steps: string[];
      whoHelps: string[];
      targetDate: string | null;
    }>;
  } | null;
  onwardReferrals: Array<{
    id: string;
    serviceName: string;
    status: string;
    sentAt: string;
    trail: Array<{ to: string; note: string | null; at: string; byRole: string }>;
  }>;
  pathway: {
    steps: Array<{ step: string; at: string; decision: string | null }>;
    next: string | null;
  } | null;
}

interface Measure {
  timepoint: string;
  score: number;
  recordedAt: string;
  detail: Record<string, unknown>;
  changeFromBaseline: number | null;
}

interface PersonOutcomes {
  cases: Array<{
    caseId: string;
    measures: Record<string, Measure[]>;
    due: Array<{ timepoint: string; dueAt: string; status: string }>;
  }>;
}

interface SearchHit {
  service: {
    id: string;
    name: string;
    organizationName: string;
    capacity: { accepting: string; placesLeft: number | null; available: boolean; waitingTimeDays?: number };
  };
  distanceKm?: number;
  eligible: boolean;
}

const MODES = [
  { value: '', label: 'Choose' },
  { value: 'home_visit', label: 'Home visit' },
  { value: 'phone', label: 'Phone' },
  { value: 'video', label: 'Video' },
  { value: 'in_person_venue', label: 'In person at a venue' },
  { value: 'group', label: 'Group' },
];
const TIMEPOINTS = [
  { value: 'baseline', label: 'Baseline' },
  { value: 'six_week', label: 'Six weeks' },
  { value: 'end_of_support', label: 'End of support' },
  { value: 'six_month', label: 'Six months' },
];
const words = (code: string) => code.replace(/_/g, ' ');
const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/London',
  });

/** Case page: everything about one case, with quick add of a contact, an ONS4 and an onward referral. */
export function CasePage() {
  const { api } = useSignedIn();
  const { location } = useRouter();
  const caseId = new URLSearchParams(location.search).get('id') ?? '';
  const view = useApi(
    () => api.get<CaseView>(`/casework/cases/${encodeURIComponent(caseId)}`),
    [api, caseId],
  );
  const people = useApi(() => api.get<CaseloadAnswer>('/caseload'), [api]);
  const person = people.data?.cases.find((c) => c.id === caseId)?.person ?? null;
  const personId = view.data?.personId;
  const outcomes = useApi(
    () => (personId ? api.get<PersonOutcomes>(`/outcomes/people/${personId}`) : Promise.resolve(undefined)),
    [api, personId],
  );
  const [notice, setNotice] = useState('');
  const done = (message: string) => {
    setNotice(message);
    view.reload();
    outcomes.reload();
  };

  const c = view.data;
  const measures = outcomes.data?.cases.find((x) => x.caseId === caseId)?.measures ?? {};
  return (
    <Page title={person ? person.displayName : 'Case'}>
      <p>
        <Link to="/caseload">Back to my caseload</Link>
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <LoadState loading={view.loading && !c} error={view.error} onRetry={view.reload} />
      {c ? (
        <>
          <section className="section" aria-labelledby="person-title">
            <h2 id="person-title">Person and referral</h2>
            <dl className="result__facts">
              <div>
                <dt>Age and area</dt>
                <dd>{person ? `${person.age} years, ${person.postcodeDistrict}` : 'Not known'}</dd>
              </div>
              <div>
                <dt>Stage</dt>
                <dd>{stateLabel(c.state)}</dd>
              </div>
              <div>
                <dt>Referred by</dt>
                <dd>
                  {words(c.referrerType)}, {when(c.openedAt)}
                </dd>
              </div>
              <div>
                <dt>Needs</dt>
                <dd>{c.needs.map(words).join(', ') || 'None recorded'}</dd>
              </div>
            </dl>
            {c.safeguarding ? <Tag tone="red">Safeguarding concern</Tag> : null}{' '}
            {c.contactNorms.noContactFlag ? <Tag tone="red">No contact in 14 days</Tag> : null}
          </section>

          <section className="section" aria-labelledby="stage-title">
            <h2 id="stage-title">Stage</h2>
            <p>
              This case is at <strong>{stateLabel(c.state)}</strong>.
            </p>
            <StageControl
              key={c.state}
              caseId={caseId}
              state={c.state}
              onDone={(to) => done(to === 'closed' ? 'Case closed.' : `Case moved to ${stateLabel(to)}.`)}
            />
          </section>

          <section className="section" aria-labelledby="wm-title">
            <h2 id="wm-title">What matters to me</h2>
            {c.whatMatters ? (
              <dl className="result__facts">
                <div>
                  <dt>What matters</dt>
                  <dd>{c.whatMatters.whatMatters}</dd>
                </div>
                <div>
                  <dt>Strengths</dt>
                  <dd>{c.whatMatters.strengths}</dd>
                </div>
                <div>
                  <dt>Concerns</dt>
                  <dd>{c.whatMatters.concerns}</dd>
                </div>
              </dl>
            ) : (
              <p className="empty">Not recorded yet.</p>
            )}
            <WhatMattersForm
              caseId={caseId}
              current={c.whatMatters}
              onDone={() => done('What matters saved.')}
            />
          </section>

          <section className="section" aria-labelledby="plan-title">
            <h2 id="plan-title">Plan</h2>
            {c.plan?.goals.length ? (
              <ul>
                {c.plan.goals.map((g) => (
                  <li key={g.id}>
                    {g.goal} <Tag tone="grey">{words(g.status)}</Tag>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty">No plan agreed yet.</p>
            )}
            <AddGoalForm caseId={caseId} plan={c.plan} onDone={() => done('Goal added to the plan.')} />
          </section>

          <section className="section" aria-labelledby="contacts-title">
            <h2 id="contacts-title">Contacts</h2>
            {c.contacts.length ? (
              <ol className="timeline" data-testid="contacts">
                {[...c.contacts].reverse().map((contact) => (
                  <li key={contact.id}>
                    <strong>{when(contact.at)}</strong>: {words(contact.mode)}, {contact.durationMinutes}{' '}
                    minutes
                    {contact.didNotAttend ? ' (did not attend)' : ''}
                    {contact.notes ? `. ${contact.notes}` : ''}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="empty">No contacts yet.</p>
            )}
            <QuickContact caseId={caseId} onDone={() => done('Contact recorded.')} />
          </section>

          <section className="section" aria-labelledby="onward-title">
            <h2 id="onward-title">Onward referrals</h2>
            {c.onwardReferrals.length ? (
              <ul data-testid="onward-referrals">
                {c.onwardReferrals.map((o) => {
                  const feedback = [...o.trail].reverse().find((t) => t.byRole === 'partner' && t.note);
                  return (
                    <li key={o.id}>
                      {o.serviceName}{' '}
                      <Tag tone={o.status === 'declined' ? 'red' : 'blue'}>{words(o.status)}</Tag>
                      {feedback ? <span className="secondary-text"> Partner: “{feedback.note}”</span> : null}
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="empty">None yet.</p>
            )}
            <ReferOn
              caseId={caseId}
              age={person?.age}
              district={person?.postcodeDistrict}
              onDone={() => done('Referral sent.')}
            />
          </section>

          <section className="section" aria-labelledby="pathway-title">
            <h2 id="pathway-title">Home-environment pathway</h2>
            {c.pathway ? (
              <>
                <ol>
                  {c.pathway.steps.map((s) => (
                    <li key={`${s.step}-${s.at}`}>
                      {words(s.step)}, {when(s.at)}
                      {s.decision ? ` (${s.decision})` : ''}
                    </li>
                  ))}
                </ol>
                {c.pathway.next ? <p>Next step: {words(c.pathway.next)}</p> : null}
              </>
            ) : (
              <p className="empty">Not on the pathway.</p>
            )}
          </section>

          <section className="section" aria-labelledby="outcomes-title">
            <h2 id="outcomes-title">Outcome measures</h2>
            <LoadState
              loading={outcomes.loading && !outcomes.data}
              error={outcomes.error}
              onRetry={outcomes.reload}
            />
            <Ons4Charts measures={measures} />
            <QuickOns4 caseId={caseId} onDone={() => done('Outcome measure recorded.')} />
          </section>
        </>
      ) : null}
    </Page>
  );
}

/** One small line chart per ONS4 item across the recorded timepoints (inline SVG, 0–10 scale). */
function Ons4Charts({ measures }: { measures: Record<string, Measure[]> }) {
  const items = ONS4_ITEMS.filter((item) => (measures[ONS4_SCALAR[item]] ?? []).length > 0);
  if (!items.length) return <p className="empty">No outcome measures recorded yet.</p>;
  const size = { width: 220, height: 90, padding: 14 };
  return (
    <div className="charts" data-testid="outcome-charts">
      {items.map((item) => {
        const series = measures[ONS4_SCALAR[item]] ?? [];
        const points = chartPoints(
          series.map((m) => ({ label: words(m.timepoint), value: m.score })),
          { min: 0, max: 10 },
          size,
        );
        const last = series[series.length - 1];
        const summary = `${ONS4_ITEM_LABELS[item]}: ${series.map((m) => `${words(m.timepoint)} ${m.score}`).join(', ')}`;
        return (
          <figure key={item} className="chart">
            <svg
              viewBox={`0 0 ${size.width} ${size.height}`}
              width={size.width}
              height={size.height}
              role="img"
              aria-label={summary}
            >
              <line
                x1={size.padding}
                x2={size.width - size.padding}
                y1={size.height - size.padding}
                y2={size.height - size.padding}
                stroke="#768692"
              />
              <polyline
                fill="none"
                stroke="#005eb8"
                strokeWidth="2"
                points={points.map((p) => `${p.x},${p.y}`).join(' ')}
              />
              {points.map((p) => (
                <circle key={p.label} cx={p.x} cy={p.y} r="4" fill="#005eb8" />
              ))}
            </svg>
            <figcaption>
              {ONS4_ITEM_LABELS[item]}: {series.map((m) => m.score).join(' → ')}
              {last?.changeFromBaseline != null
                ? ` (change ${last.changeFromBaseline > 0 ? '+' : ''}${last.changeFromBaseline})`
                : ''}
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}

/** Moves the case on: only the stages the lifecycle allows from here, a reason when closing. */
function StageControl({
  caseId,
  state,
  onDone,
}: {
  caseId: string;
  state: string;
  onDone: (to: string) => void;
}) {
  const { api } = useSignedIn();
  const [draft, setDraft] = useState<StageDraft>({ to: '', closureReason: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const stages = nextStages(state);
  if (!stages.length) return <p className="empty">A closed case does not move on.</p>;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkStageChange(state, draft);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await api.post(`/casework/cases/${caseId}/transitions`, stageRequest(draft));
      onDone(draft.to);
    } catch (error) {
      setErrors(
        error instanceof ApiError
          ? stageErrorsFrom(error.message, error.fieldErrors())
          : { 'stage-to': String(error) },
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="filters" onSubmit={submit} noValidate aria-labelledby="stage-form-title">
      <h3 id="stage-form-title">Move the case on</h3>
      <ErrorSummary errors={summaryOf(errors)} />
      <div className="filters__grid">
        <SelectField
          id="stage-to"
          label="Next stage"
          options={[
            { value: '', label: 'Choose' },
            ...stages.map((s) => ({ value: s, label: stageOptionLabel(s) })),
          ]}
          value={draft.to}
          error={errors['stage-to']}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
        {draft.to === 'closed' ? (
          <SelectField
            id="stage-reason"
            label="Why the case is closing"
            options={[
              { value: '', label: 'Choose' },
              ...Object.entries(CLOSURE_REASON_LABELS).map(([value, label]) => ({ value, label })),
            ]}
            value={draft.closureReason}
            error={errors['stage-reason']}
            onChange={(e) => setDraft({ ...draft, closureReason: e.target.value })}
          />
        ) : null}
      </div>
      <button type="submit" className="button" disabled={busy}>
        Move the case
      </button>
    </form>
  );
}

function QuickContact({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { api } = useSignedIn();
  const [draft, setDraft] = useState<ContactDraft>({ mode: '', durationMinutes: '', notes: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkContact(draft);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await api.post(`/casework/cases/${caseId}/contacts`, {
        at: new Date().toISOString(),
        mode: draft.mode,
        durationMinutes: Number(draft.durationMinutes),
        notes: draft.notes.trim() || undefined,
      });
      setDraft({ mode: '', durationMinutes: '', notes: '' });
      onDone();
    } catch (error) {
      setErrors({ 'contact-mode': error instanceof ApiError ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="filters" onSubmit={submit} noValidate aria-labelledby="qc-title">
      <h3 id="qc-title">Record a contact</h3>
      <ErrorSummary errors={summaryOf(errors)} />
      <div className="filters__grid">
        <SelectField
          id="contact-mode"
          label="How you met"
          options={MODES}
          value={draft.mode}
          error={errors['contact-mode']}
          onChange={(e) => setDraft({ ...draft, mode: e.target.value })}
        />
        <TextField
          id="contact-duration"
          label="Minutes"
          inputMode="numeric"
          autoComplete="off"
          value={draft.durationMinutes}
          error={errors['contact-duration']}
          onChange={(e) => setDraft({ ...draft, durationMinutes: e.target.value })}
        />
        <TextField
          id="contact-notes"
          label="Note (optional)"
          autoComplete="off"
          value={draft.notes}
          onChange={(e) => setDraft({ ...draft, notes: e.target.value })}
        />
      </div>
      <button type="submit" className="button" disabled={busy}>
        Record contact
      </button>
    </form>
  );
}

function QuickOns4({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { api } = useSignedIn();
  const [timepoint, setTimepoint] = useState('baseline');
  const [draft, setDraft] = useState<Ons4Draft>(emptyOns4());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { answers, errors: problems } = checkOns4(draft);
    setErrors(problems);
    if (!answers) return;
    setBusy(true);
    try {
      await api.post(`/outcomes/cases/${caseId}/recordings`, { timepoint, ons4: answers });
      setDraft(emptyOns4());
      onDone();
    } catch (error) {
      setErrors({ 'ons4-timepoint': error instanceof ApiError ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  const item = (key: Ons4Item) => (
    <TextField
      key={key}
      id={`ons4-${key}`}
      label={ONS4_ITEM_LABELS[key]}
      hint="0 to 10"
      inputMode="numeric"
      autoComplete="off"
      value={draft[key]}
      error={errors[`ons4-${key}`]}
      onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      onBlur={() =>
        setErrors((prev) => {
          const next = { ...prev };
          const own = checkOns4(draft).errors[`ons4-${key}`];
          if (own && draft[key].trim() !== '') next[`ons4-${key}`] = own;
          else delete next[`ons4-${key}`];
          return next;
        })
      }
    />
  );
  return (
    <form className="filters" onSubmit={submit} noValidate aria-labelledby="qo-title">
      <h3 id="qo-title">Record ONS4 well-being</h3>
      <ErrorSummary errors={summaryOf(errors)} />
      <SelectField
        id="ons4-timepoint"
        label="When"
        options={TIMEPOINTS}
        value={timepoint}
        error={errors['ons4-timepoint']}
        onChange={(e) => setTimepoint(e.target.value)}
      />
      <div className="filters__grid">{ONS4_ITEMS.map(item)}</div>
      <button type="submit" className="button" disabled={busy}>
        Record ONS4
      </button>
    </form>
  );
}

function ReferOn({
  caseId,
  age,
  district,
  onDone,
}: {
  caseId: string;
  age?: number;
  district?: string;
  onDone: () => void;
}) {
  const { api } = useSignedIn();
  const [text, setText] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState('');
  const hits = useApi(
    () =>
      query === null
        ? Promise.resolve(undefined)
        : api.get<{ items: SearchHit[] }>('/directory/search', {
            text: query,
            postcode: district,
            age,
            perPage: 5,
          }),
    [api, query, district, age],
  );
  const refer = async (serviceId: string) => {
    if (!consent) {
      setError('Confirm the person agreed to their details being shared');
      return;
    }
    setError('');
    try {
      await api.post(
        `/casework/cases/${caseId}/onward-referrals`,
        { directoryServiceId: serviceId, consentToShare: true },
        {
          'Idempotency-Key': crypto.randomUUID(),
        },
      );
      setQuery(null);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <div className="filters">
      <h3 id="refer-title">Refer on</h3>
      <form
        role="search"
        aria-labelledby="refer-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(text.trim());
        }}
      >
        <TextField
          id="refer-text"
          label="Search the directory"
          hint="For example walking or debt"
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button button--secondary">
          Find services
        </button>
      </form>
      <div className="checkbox">
        <input
          type="checkbox"
          id="refer-consent"
          checked={consent}
          onChange={(e) => setConsent(e.target.checked)}
        />
        <label htmlFor="refer-consent">
          The person agreed to their details being shared with the service
        </label>
      </div>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      <LoadState loading={query !== null && hits.loading && !hits.data} error={hits.error} />
      {hits.data ? (
        <ul className="results" aria-label="Services to refer to">
          {hits.data.items.map((hit) => (
            <li key={hit.service.id} className="result">
              <h4 className="result__title">{hit.service.name}</h4>
              <p className="result__org">{hit.service.organizationName}</p>
              <p>
                {hit.distanceKm === undefined ? 'Distance not known' : `${hit.distanceKm.toFixed(1)} km`}.{' '}
                {age !== undefined ? (
                  hit.eligible ? (
                    <Tag tone="green">Eligible</Tag>
                  ) : (
                    <Tag tone="red">Not eligible</Tag>
                  )
                ) : null}{' '}
                <Tag tone={hit.service.capacity.available ? 'green' : 'grey'}>
                  {hit.service.capacity.available ? 'Available' : 'Not available'}
                </Tag>{' '}
                {capacityText(hit.service.capacity)}
              </p>
              <button
                type="button"
                className="button button--small"
                onClick={() => void refer(hit.service.id)}
                aria-label={`Refer to ${hit.service.name}`}
              >
                Refer
              </button>
            </li>
          ))}
          {hits.data.items.length === 0 ? <li className="empty">No services match.</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

function WhatMattersForm({
  caseId,
  current,
  onDone,
}: {
  caseId: string;
  current: CaseView['whatMatters'];
  onDone: () => void;
}) {
  const { api } = useSignedIn();
  const [draft, setDraft] = useState({
    whatMatters: current?.whatMatters ?? '',
    strengths: current?.strengths ?? '',
    concerns: current?.concerns ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = draft.whatMatters.trim()
      ? {}
      : { 'wm-whatMatters': 'Write what matters to the person, in their words' };
    setErrors(problems);
    if (Object.keys(problems).length) return;
    try {
      await api.put(`/casework/cases/${caseId}/what-matters`, {
        whatMatters: draft.whatMatters.trim(),
        strengths: draft.strengths.trim(),
        concerns: draft.concerns.trim(),
      });
      onDone();
    } catch (error) {
      setErrors({ 'wm-whatMatters': error instanceof ApiError ? error.message : String(error) });
    }
  };
  const field = (key: 'whatMatters' | 'strengths' | 'concerns', label: string) => (
    <TextField
      id={`wm-${key}`}
      label={label}
      autoComplete="off"
      value={draft[key]}
      error={errors[`wm-${key}`]}
      onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
    />
  );
  return (
    <form className="filters" onSubmit={submit} noValidate aria-labelledby="wmf-title">
      <h3 id="wmf-title">{current ? 'Update what matters' : 'Record what matters'}</h3>
      <ErrorSummary errors={summaryOf(errors)} />
      {field('whatMatters', 'What matters to the person')}
      <div className="filters__grid">
        {field('strengths', 'Strengths')}
        {field('concerns', 'Concerns')}
      </div>
      <button type="submit" className="button">
        Save what matters
      </button>
    </form>
  );
}

function AddGoalForm({
  caseId,
  plan,
  onDone,
}: {
  caseId: string;
  plan: CaseView['plan'];
  onDone: () => void;
}) {
  const { api } = useSignedIn();
  const [goal, setGoal] = useState('');
  const [why, setWhy] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = goal.trim() ? {} : { 'goal-text': 'Write the goal' };
    setErrors(problems);
    if (Object.keys(problems).length) return;
    try {
      // a plan is saved whole, as a new version: the goals so far plus the new one
      await api.put(`/casework/cases/${caseId}/plan`, {
        goals: [
          ...(plan?.goals ?? []).map((g) => ({
            id: g.id,
            goal: g.goal,
            whyItMatters: g.whyItMatters,
            steps: g.steps,
            whoHelps: g.whoHelps,
            targetDate: g.targetDate,
            status: g.status,
          })),
          { goal: goal.trim(), whyItMatters: why.trim(), steps: [], whoHelps: [], status: 'not_started' },
        ],
        agreedDate: plan?.agreedDate ?? new Date().toISOString().slice(0, 10),
      });
      setGoal('');
      setWhy('');
      onDone();
    } catch (error) {
      setErrors({ 'goal-text': error instanceof ApiError ? error.message : String(error) });
    }
  };
  return (
    <form className="filters" onSubmit={submit} noValidate aria-labelledby="goal-title">
      <h3 id="goal-title">Add a goal agreed with the person</h3>
      <ErrorSummary errors={summaryOf(errors)} />
      <div className="filters__grid">
        <TextField
          id="goal-text"
          label="Goal"
          autoComplete="off"
          value={goal}
          error={errors['goal-text']}
          onChange={(e) => setGoal(e.target.value)}
        />
        <TextField
          id="goal-why"
          label="Why it matters (optional)"
          autoComplete="off"
          value={why}
          onChange={(e) => setWhy(e.target.value)}
        />
      </div>
      <button type="submit" className="button">
        Add goal
      </button>
    </form>
  );
}
