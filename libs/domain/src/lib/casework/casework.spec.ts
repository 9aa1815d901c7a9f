import type { PathwayStep } from '@linkway/contracts';
import { checkOnwardTransition } from './onward-referral';
import { caseloadLoad, choosePractitioner, type AllocationCandidate } from './allocation';
import { checkCaseTransition } from './case-lifecycle';
import { contactNorms } from './contact-norms';
import { checkPathwayStep, median, pathwayMetricsReport, type PathwayRecord } from './pathway';
import { diffPlans, type PlanGoal } from './plan-versioning';
import { chooseMentor, supervisionStatus } from './supervision';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

describe(checkCaseTransition.name, () => {
  it('allows one step forward and closing with a reason', () => {
    expect(checkCaseTransition('allocated', 'first_contact')).toEqual({ ok: true });
    expect(checkCaseTransition('plan_agreed', 'closed', 'declined')).toEqual({ ok: true });
    expect(checkCaseTransition('follow_up', 'support_in_progress')).toEqual({ ok: true });
  });
  it('refuses a skipped step, naming the allowed ones', () => {
    const check = checkCaseTransition('allocated', 'plan_agreed');
    expect(check).toMatchObject({ ok: false, allowed: ['first_contact', 'closed'], field: 'to' });
  });
  it('refuses closing without a reason and anything after closed', () => {
    expect(checkCaseTransition('allocated', 'closed')).toMatchObject({ ok: false, field: 'closureReason' });
    expect(checkCaseTransition('closed', 'allocated')).toMatchObject({ ok: false, allowed: [] });
    expect(checkCaseTransition('allocated', 'first_contact', 'died')).toMatchObject({ ok: false });
  });
});

describe(contactNorms.name, () => {
  const contact = (n: number, didNotAttend = false) => ({ at: day(n), didNotAttend });
  it('counts attended contacts against the pro-rata norm and ignores did-not-attend', () => {
    const view = contactNorms({
      openedAt: day(0),
      now: day(42),
      contacts: [contact(1), contact(8, true), contact(30)],
    });
    expect(view).toMatchObject({
      attended: 2,
      didNotAttend: 1,
      weeksOpen: 6,
      expectedByNow: 3,
      pace: 'behind',
    });
    expect(view.daysSinceContact).toBe(12);
    expect(view.noContactFlag).toBe(false);
  });
  it('flags 14 days without an attended contact, from opening when there is none', () => {
    expect(contactNorms({ openedAt: day(0), now: day(14), contacts: [contact(3, true)] }).noContactFlag).toBe(
      true,
    );
    expect(contactNorms({ openedAt: day(0), now: day(13), contacts: [] }).noContactFlag).toBe(false);
    expect(contactNorms({ openedAt: day(0), now: day(40), contacts: [], closed: true }).noContactFlag).toBe(
      false,
    );
  });
  it('reports complete at 6 and above the norm past 12', () => {
    const many = (k: number) => Array.from({ length: k }, (_, i) => contact(i));
    expect(contactNorms({ openedAt: day(0), now: day(20), contacts: many(6) }).pace).toBe('complete');
    expect(contactNorms({ openedAt: day(0), now: day(20), contacts: many(13) }).pace).toBe('above_norm');
  });
});

describe(choosePractitioner.name, () => {
  const p = (
    id: string,
    role: AllocationCandidate['role'],
    open: number,
    cap = 10,
    active = true,
  ): AllocationCandidate => ({
    id,
    role,
    openCases: open,
    caseloadCapacity: cap,
    active,
  });
  it('picks the practitioner of the queue role with the most free places', () => {
    const all = [p('a', 'link_worker', 8), p('b', 'link_worker', 3), p('c', 'specialist_navigator', 0)];
    expect(choosePractitioner('general', all)?.id).toBe('b');
    expect(choosePractitioner('specialist_navigator', all)?.id).toBe('c');
  });
  it('returns null when nobody has capacity, and never auto-allocates the hub manager queue', () => {
    expect(
      choosePractitioner('general', [p('a', 'link_worker', 10), p('b', 'link_worker', 0, 10, false)]),
    ).toBeNull();
    expect(choosePractitioner('hub_manager', [p('a', 'link_worker', 0)])).toBeNull();
  });
  it('warns over capacity', () => {
    expect(caseloadLoad(45, 40)).toEqual({
      openCases: 45,
      caseloadCapacity: 40,
      load: 1.13,
      overCapacity: true,
    });
    expect(caseloadLoad(40, 40).overCapacity).toBe(false);
  });
});

describe(diffPlans.name, () => {
  const goal = (id: string, overrides: Partial<PlanGoal> = {}): PlanGoal => ({
    id,
    goal: 'Join a walking group',
    whyItMatters: 'to meet people',
    steps: ['find a group'],
    whoHelps: ['link worker'],
    targetDate: '2026-03-01',
    status: 'not_started',
    ...overrides,
  });
  it('names added, removed and changed goals', () => {
    const diff = diffPlans(
      { goals: [goal('g1'), goal('g2')], agreedDate: null },
      { goals: [goal('g1', { status: 'in_progress' }), goal('g3')], agreedDate: '2026-01-10' },
    );
    expect(diff).toEqual({
      added: ['g3'],
      removed: ['g2'],
      changed: { g1: ['status'] },
      agreedDateChanged: true,
      unchanged: false,
    });
    expect(
      diffPlans({ goals: [goal('g1')], agreedDate: null }, { goals: [goal('g1')], agreedDate: null })
        .unchanged,
    ).toBe(true);
  });
});

describe(checkPathwayStep.name, () => {
  it('takes steps in order, needs a decision on the decision step, and stops after a refusal', () => {
    expect(checkPathwayStep([], false, 'eligibility_check', null)).toEqual({ ok: true });
    expect(checkPathwayStep([], false, 'forms_completed', null)).toMatchObject({
      ok: false,
      next: 'eligibility_check',
    });
    const upToDecision: PathwayStep[] = [
      'eligibility_check',
      'forms_completed',
      'council_contacted',
      'assessment_booked',
      'assessment_done',
    ];
    expect(checkPathwayStep(upToDecision, false, 'decision', null)).toMatchObject({ ok: false });
    expect(checkPathwayStep(upToDecision, false, 'decision', 'refused')).toEqual({ ok: true });
    expect(
      checkPathwayStep([...upToDecision, 'decision'], true, 'intervention_scheduled', null),
    ).toMatchObject({
      ok: false,
      next: null,
    });
  });
});

describe(pathwayMetricsReport.name, () => {
  const ORDER: PathwayStep[] = [
    'eligibility_check',
    'forms_completed',
    'council_contacted',
    'assessment_booked',
    'assessment_done',
    'decision',
    'intervention_scheduled',
    'intervention_delivered',
    'delivery_confirmed',
  ];
  /** A pathway reaching `upTo` steps, step k on day gaps[0..k]. */
  const record = (
    model: string,
    trained: boolean,
    dayOfStep: number[],
    handoff: PathwayRecord['handoffStatus'] = null,
  ): PathwayRecord => ({
    integrationModel: model,
    practitionerTrained: trained,
    owner: handoff ? 'partner' : 'hub',
    handoffStatus: handoff,
    referredAt: day(0),
    decision: dayOfStep.length > 5 ? 'approved' : null,
    steps: dayOfStep.map((d, i) => ({ step: ORDER[i], at: day(d) })),
  });

  it('computes conversion, drop-off and medians as worked by hand', () => {
    const records = [
      record('embedded_specialist', true, [2, 4, 6, 10, 20, 30, 40, 60, 62]), // delivered
      record('embedded_specialist', true, [4, 6, 8, 12, 22, 32, 42, 70]), // delivered, not confirmed
      record('embedded_specialist', false, [10, 12]), // dropped after forms
      record('brokered_referral', false, [], 'declined'), // lost at hand-off
    ];
    const report = pathwayMetricsReport(records);
    // 2 of 4 delivered
    expect(report.all.conversion).toBe(0.5);
    expect(report.all.droppedBeforeFirstStep).toBe(1);
    const fig = (s: PathwayStep) => report.all.steps.find((x) => x.step === s);
    expect(fig('eligibility_check')).toEqual({ step: 'eligibility_check', reached: 3, droppedAfter: 0 });
    expect(fig('forms_completed')).toEqual({ step: 'forms_completed', reached: 3, droppedAfter: 1 });
    expect(fig('intervention_delivered')).toEqual({
      step: 'intervention_delivered',
      reached: 2,
      droppedAfter: 1,
    });
    // referral → eligibility: 2, 4, 10 → median 4; delivered → scheduled gaps: 20 and 28 → 24
    const gap = (to: PathwayStep) => report.all.medianDaysBetween.find((x) => x.to === to)?.medianDays;
    expect(gap('eligibility_check')).toBe(4);
    expect(gap('intervention_delivered')).toBe(24);
    expect(report.all.medianDaysReferralToDelivered).toBe(65);
    expect(report.all.handoff).toEqual({ sent: 1, accepted: 0, dropped: 1, dropOff: 1 });
    expect(report.byIntegrationModel.embedded_specialist.conversion).toBe(0.6667);
    expect(report.byTraining.trained.conversion).toBe(1);
    expect(report.byTraining.untrained.conversion).toBe(0);
  });
  it('has null rates and medians on an empty set', () => {
    expect(pathwayMetricsReport([]).all).toMatchObject({
      conversion: null,
      medianDaysReferralToDelivered: null,
    });
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe(supervisionStatus.name, () => {
  it('is due a cadence after the last session and overdue after that', () => {
    expect(
      supervisionStatus({ startedAt: day(0), lastSessionAt: day(10), cadenceDays: 28, now: day(45) }),
    ).toEqual({
      lastSessionAt: day(10).toISOString(),
      dueAt: day(38).toISOString(),
      overdue: true,
      daysOverdue: 7,
    });
    expect(
      supervisionStatus({ startedAt: day(0), lastSessionAt: null, cadenceDays: 28, now: day(20) }).overdue,
    ).toBe(false);
  });
  it('pairs a new practitioner with the least-loaded experienced one of the same role', () => {
    const now = day(400);
    const mentor = chooseMentor(
      { id: 'new', startedAt: day(390), role: 'link_worker' },
      [
        { id: 'old1', startedAt: day(0), role: 'link_worker', mentees: 2 },
        { id: 'old2', startedAt: day(100), role: 'link_worker', mentees: 0 },
        { id: 'vol', startedAt: day(0), role: 'volunteer_navigator', mentees: 0 },
        { id: 'newish', startedAt: day(350), role: 'link_worker', mentees: 0 },
      ],
      now,
    );
    expect(mentor?.id).toBe('old2');
  });
});

describe(checkOnwardTransition.name, () => {
  it('lets the partner answer a sent referral and needs a reason to decline', () => {
    expect(checkOnwardTransition('sent', 'accepted', 'partner', null)).toEqual({ ok: true });
    expect(checkOnwardTransition('sent', 'declined', 'partner', null)).toMatchObject({
      ok: false,
      field: 'reason',
    });
    expect(checkOnwardTransition('sent', 'completed', 'partner', null)).toMatchObject({
      ok: false,
      allowed: ['accepted', 'declined'],
    });
    expect(checkOnwardTransition('sent', 'accepted', 'hub', null)).toMatchObject({
      ok: false,
      allowed: ['cancelled'],
    });
    expect(checkOnwardTransition('completed', 'started', 'partner', null)).toMatchObject({
      ok: false,
      allowed: [],
    });
  });
});
