import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  CASEWORK_CASE_CLOSED_V1,
  CASEWORK_CASE_OPENED_V1,
  CASEWORK_CONTACT_RECORDED_V1,
  CASEWORK_ONWARD_REFERRAL_STATUS_CHANGED_V1,
  CASEWORK_PATHWAY_STEP_RECORDED_V1,
  HubSnapshotV1,
  INTAKE_REFERRAL_ACCEPTED_V1,
  INTAKE_REFERRAL_RECEIVED_V1,
  OUTCOMES_DASHBOARD_V1,
  OUTCOMES_GP_MESSAGE_GET_V1,
  OUTCOMES_PERSON_HISTORY_V1,
  OUTCOMES_RECORD_V1,
  OUTCOMES_SNAPSHOT_BUILD_V1,
  type RecordOutcomesV1,
} from '@linkway/contracts';
import { periodContaining } from '@linkway/domain';
import { type RemoteError } from '@linkway/messaging';
import { waitUntil } from '@linkway/testing';
import { uuidv7 } from '@linkway/util';
import {
  caseClosed,
  caseOpened,
  contactRecorded,
  onwardStatus,
  pathwayStep,
  referralEvent,
} from './test-fixtures/events';
import { type OutcomesStack, profileWith, startOutcomesStack } from './test-fixtures/outcomes-stack';

/** One schedule "day" in this suite: a 10-day interval is 1 s. */
const DAY_MS = 100;
const actor = { accountId: 'lw-1', role: 'link_worker' };

const baselineAnswers = (): Partial<RecordOutcomesV1> => ({
  ons4: { lifeSatisfaction: 4, worthwhile: 5, happiness: 4, anxiety: 7 },
  swemwbs: [2, 3, 3, 2, 3, 3, 3],
  ucla3: { lackCompanionship: 'often', leftOut: 'often', isolated: 'some_of_the_time' },
  onsLoneliness: 'often_always',
  healthUse: { gpConsultations: 5, aeAttendances: 1, outpatientAppointments: 0, inpatientAdmissions: 0 },
});

describe('outcomes service (real Postgres, Redis, private NATS JetStream)', () => {
  let stack: OutcomesStack;

  beforeAll(async () => {
    stack = await startOutcomesStack(
      'outcomes',
      profileWith('community_centre', {
        followUpDays: { six_week: 10, end_of_support: 50 },
        overdueAfterDays: 10,
      }),
      { OUTCOMES_DAY_MS: String(DAY_MS) },
    );
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  const record = (request: Omit<RecordOutcomesV1, 'actor'> & Partial<RecordOutcomesV1>) =>
    stack.requests.request(OUTCOMES_RECORD_V1, { actor, ...request } as RecordOutcomesV1);
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the request to fail');
      },
      (error: RemoteError) => error,
    );
  const openCase = async (overrides: Parameters<typeof caseOpened>[0] = {}) => {
    const opened = caseOpened(overrides);
    await stack.publish(CASEWORK_CASE_OPENED_V1, opened);
    await waitUntil(
      async () =>
        (await stack.db.query('SELECT 1 FROM outcome_case WHERE case_id = $1', [opened.caseId])).rowCount,
    );
    return opened;
  };
  const reminders = (caseId: string) =>
    stack.seen
      .filter((e) => e.subject === 'evt.outcomes.reminder.v1' && e.payload.caseId === caseId)
      .map((e) => `${e.payload.timepoint}:${e.payload.kind}`);

  describe('measures', () => {
    it('refuses a recording for a case it has never heard of (404)', async () => {
      const error = await failureOf(
        record({ caseId: uuidv7(), timepoint: 'baseline', ...baselineAnswers() }),
      );
      expect(error.code).toBe('NOT_FOUND');
    });

    it('names every bad item and its allowed range, and stores nothing', async () => {
      const opened = await openCase();
      const error = await failureOf(
        record({
          caseId: opened.caseId,
          timepoint: 'baseline',
          ons4: { lifeSatisfaction: 4, worthwhile: 5, happiness: 12, anxiety: 7 },
          swemwbs: [2, 3, 3, 2, 3, 3],
        }),
      );
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details).toEqual([
        {
          field: 'ons4.happiness',
          reason: 'Happiness yesterday must be a whole number from 0 to 10; got 12',
        },
        {
          field: 'swemwbs.item7',
          reason: 'SWEMWBS item 7 is missing; answer with a whole number from 1 to 5',
        },
      ]);
      const { rowCount } = await stack.db.query('SELECT 1 FROM outcome_record WHERE case_id = $1', [
        opened.caseId,
      ]);
      expect(rowCount).toBe(0);
    });

    it('stores each item with its timepoint and recorder, and gives the history with change from baseline', async () => {
      const opened = await openCase();
      const saved = await record({ caseId: opened.caseId, timepoint: 'baseline', ...baselineAnswers() });
      expect(saved.measures.map((m) => m.measure)).toEqual([
        'ons4_life_satisfaction',
        'ons4_worthwhile',
        'ons4_happiness',
        'ons4_anxiety',
        'swemwbs',
        'ucla3',
        'ons_loneliness',
        'health_gp_consultations',
        'health_ae_attendances',
        'health_outpatient_appointments',
        'health_inpatient_admissions',
      ]);
      await record({
        caseId: opened.caseId,
        timepoint: 'end_of_support',
        ons4: { lifeSatisfaction: 7, worthwhile: 5, happiness: 6, anxiety: 3 },
        swemwbs: [3, 3, 3, 3, 3, 3, 3],
        ucla3: { lackCompanionship: 1, leftOut: 2, isolated: 1 },
        healthUse: {
          gpConsultations: 2,
          aeAttendances: 0,
          outpatientAppointments: 0,
          inpatientAdmissions: 0,
        },
      });
      const history = await stack.requests.request(OUTCOMES_PERSON_HISTORY_V1, {
        actor,
        personId: opened.personId,
      });
      const [kase] = history.cases;
      expect(kase.caseId).toBe(opened.caseId);
      // raw 19 → 17.98 at baseline, raw 21 → 19.25: +1.27 metric points
      expect(
        kase.measures.swemwbs.map((m) => [
          m.timepoint,
          m.score,
          m.changeFromBaseline,
          m.atLeastOneMetricPoint,
        ]),
      ).toEqual([
        ['baseline', 17.98, null, null],
        ['end_of_support', 19.25, 1.27, true],
      ]);
      expect(kase.measures.ons4_life_satisfaction[1]).toMatchObject({
        band: 'high',
        bandMove: 'improved',
        movement: 'improved',
      });
      expect(kase.measures.ons4_worthwhile[1]).toMatchObject({
        band: 'medium',
        bandMove: 'same',
        changeFromBaseline: 0,
      });
      expect(kase.measures.ons4_anxiety[1]).toMatchObject({
        band: 'low',
        bandMove: 'improved',
        changeFromBaseline: -4,
      });
      expect(kase.measures.ucla3[1]).toMatchObject({
        score: 4,
        changeFromBaseline: -4,
        movement: 'improved',
      });
      expect(kase.measures.health_gp_consultations[1]).toMatchObject({
        recordedBy: 'lw-1',
        movement: 'improved',
      });
      expect(
        await waitUntil(() =>
          stack.seen.find(
            (e) => e.subject === 'evt.outcomes.outcome.recorded.v1' && e.payload.caseId === opened.caseId,
          ),
        ),
      ).toMatchObject({ payload: { timepoint: 'baseline', recordedBy: 'lw-1' } });
    });
    it("narrows a person's history to the cases asked for (a link worker's own), and 404s when none is left", async () => {
      const mine = await openCase();
      const theirs = await openCase({ personId: mine.personId });
      await record({ caseId: mine.caseId, timepoint: 'baseline', ...baselineAnswers() });
      await record({ caseId: theirs.caseId, timepoint: 'baseline', ...baselineAnswers() });
      const history = (caseIds?: string[]) =>
        stack.requests.request(OUTCOMES_PERSON_HISTORY_V1, { actor, personId: mine.personId, caseIds });

      expect((await history()).cases.map((c) => c.caseId).sort()).toEqual([mine.caseId, theirs.caseId].sort());
      expect((await history([mine.caseId])).cases.map((c) => c.caseId)).toEqual([mine.caseId]);
      expect((await failureOf(history([uuidv7()]))).code).toBe('NOT_FOUND');
      expect((await failureOf(history(['not-a-uuid']))).code).toBe('VALIDATION_FAILED');
    });
  });

  describe('schedule', () => {
    it('makes baseline due at first contact, reminds when due and overdue, stops when recorded, cancels at closure, once each despite a redelivered event', async () => {
      const opened = await openCase();
      const contact = contactRecorded(opened);
      const t0 = Date.now();
      await stack.publish(CASEWORK_CONTACT_RECORDED_V1, contact);
      // the same fact published twice under new message ids (a producer retry): no second schedule
      await stack.publish(CASEWORK_CONTACT_RECORDED_V1, contact);
      await stack.publish(CASEWORK_CONTACT_RECORDED_V1, contactRecorded(opened, { attendedCount: 2 }));
      await waitUntil(() => reminders(opened.caseId).includes('baseline:due'), { timeoutMs: 5_000 });
      await record({ caseId: opened.caseId, timepoint: 'baseline', ...baselineAnswers() });
      // six_week due at +1 s and overdue at +2 s (10 "days" of 100 ms each); not recorded in time
      await waitUntil(() => reminders(opened.caseId).includes('six_week:overdue'), { timeoutMs: 8_000 });
      await record({
        caseId: opened.caseId,
        timepoint: 'six_week',
        ucla3: { lackCompanionship: 1, leftOut: 1, isolated: 1 },
      });
      await stack.publish(CASEWORK_CASE_CLOSED_V1, caseClosed(opened, { closureReason: 'moved_away' }));
      await waitUntil(
        async () =>
          (
            await stack.db.query(`SELECT 1 FROM outcome_due WHERE case_id = $1 AND status = 'cancelled'`, [
              opened.caseId,
            ])
          ).rowCount,
      );
      // end_of_support would have fallen due at +5 s: wait past it
      await new Promise((r) => setTimeout(r, Math.max(0, t0 + 6_000 - Date.now())));
      expect(reminders(opened.caseId).sort()).toEqual(['baseline:due', 'six_week:due', 'six_week:overdue']);
      const due = await stack.db.query(
        `SELECT timepoint, status, extract(epoch FROM due_at - $2::timestamptz) * 1000 AS offset_ms
             FROM outcome_due WHERE case_id = $1 ORDER BY due_at`,
        [opened.caseId, contact.at],
      );
      expect(due.rows.map((r) => [r.timepoint, r.status, Math.round(Number(r.offset_ms))])).toEqual([
        ['baseline', 'recorded', 0],
        ['six_week', 'recorded', 1_000],
        ['end_of_support', 'cancelled', 5_000],
      ]);
      const { rows } = await stack.db.query(
        'SELECT count(*)::int AS n FROM outcome_reminder WHERE case_id = $1',
        [opened.caseId],
      );
      expect(rows[0].n).toBe(3);
    }, 20_000);
  });

  describe('GP message back', () => {
    it('builds the PRSB message as a FHIR document at closure, publishes it and serves it by referral', async () => {
      const opened = await openCase({ needs: ['isolation', 'money_debt'] });
      await stack.publish(CASEWORK_CONTACT_RECORDED_V1, contactRecorded(opened));
      await record({ caseId: opened.caseId, timepoint: 'baseline', swemwbs: [2, 2, 2, 2, 2, 2, 2] });
      await record({ caseId: opened.caseId, timepoint: 'end_of_support', swemwbs: [3, 3, 3, 3, 3, 3, 3] });
      await stack.publish(
        CASEWORK_ONWARD_REFERRAL_STATUS_CHANGED_V1,
        onwardStatus(opened, { status: 'completed', directoryServiceId: 'svc-walking-group' }),
      );
      await stack.publish(CASEWORK_CASE_CLOSED_V1, caseClosed(opened, { contactsAttended: 7 }));
      const event = await waitUntil(() =>
        stack.seen.find(
          (e) => e.subject === 'evt.outcomes.gp_message.ready.v1' && e.payload.caseId === opened.caseId,
        ),
      );
      const message = await stack.requests.request(OUTCOMES_GP_MESSAGE_GET_V1, {
        actor,
        referralId: opened.referralId,
      });
      expect(message.document).toEqual(event.payload.document);
      const { document } = message;
      expect(document).toMatchObject({ resourceType: 'Bundle', type: 'document' });
      const [composition, patient, status, ...observations] = document.entry.map((e) => e.resource);
      expect(composition).toMatchObject({
        resourceType: 'Composition',
        type: { coding: [{ system: 'http://snomed.info/sct', code: '871731000000106' }] },
      });
      expect((composition.section as Array<{ title: string }>).map((s) => s.title)).toEqual([
        'Referral',
        'Social prescribing support offered',
        'Support taken up',
        'Outcomes',
        'Social prescribing status',
      ]);
      expect(JSON.stringify(composition.section)).toContain('Money or debt');
      expect(JSON.stringify(composition.section)).toContain('svc-walking-group: completed');
      expect(patient).toMatchObject({ resourceType: 'Patient', identifier: [{ value: opened.personId }] });
      expect(status).toMatchObject({ code: { coding: [{ code: '871691000000100' }] } });
      expect(observations.map((o) => [o.code, (o.valueQuantity as { value: number }).value])).toEqual([
        [{ text: 'SWEMWBS metric score (7–35)' }, 15.32],
        [{ text: 'SWEMWBS metric score (7–35)' }, 19.25],
      ]);
      // a redelivered closure builds nothing twice
      await stack.publish(CASEWORK_CASE_CLOSED_V1, caseClosed(opened, { contactsAttended: 7 }));
      await stack.publish(CASEWORK_CASE_OPENED_V1, caseOpened()); // a marker behind it in the stream
      await new Promise((r) => setTimeout(r, 500));
      const { rows } = await stack.db.query('SELECT count(*)::int AS n FROM gp_message WHERE case_id = $1', [
        opened.caseId,
      ]);
      expect(rows[0].n).toBe(1);
    });

    it('codes a declined episode 871711000000103, and answers 404 for a referral with no closed case', async () => {
      const opened = await openCase();
      await stack.publish(
        CASEWORK_CASE_CLOSED_V1,
        caseClosed(opened, { closureReason: 'declined', contactsAttended: 0 }),
      );
      const event = await waitUntil(() =>
        stack.seen.find(
          (e) => e.subject === 'evt.outcomes.gp_message.ready.v1' && e.payload.caseId === opened.caseId,
        ),
      );
      expect(JSON.stringify(event.payload.document)).toContain('871711000000103');
      const error = await failureOf(
        stack.requests.request(OUTCOMES_GP_MESSAGE_GET_V1, { actor, referralId: uuidv7() }),
      );
      expect(error.code).toBe('NOT_FOUND');
    });
  });

  describe('dashboard on a hand-computed data set (January–February 2025)', () => {
    const window = { from: '2025-01-01T00:00:00Z', to: '2025-03-01T00:00:00Z' };
    const p1 = uuidv7();
    const p2 = uuidv7();

    beforeAll(async () => {
      const q = (sql: string, params: unknown[]) => stack.db.query(sql, params);
      const cases = {
        A: {
          id: uuidv7(),
          practitioner: p1,
          source: 'gp_practice',
          needs: ['isolation'],
          opened: '2025-01-02',
          first: '2025-01-04',
          closed: '2025-01-28',
          reason: 'completed',
          contacts: 6,
        },
        B: {
          id: uuidv7(),
          practitioner: p1,
          source: 'self',
          needs: ['isolation', 'money_debt'],
          opened: '2025-01-03',
          first: '2025-01-07',
          closed: '2025-01-30',
          reason: 'did_not_engage',
          contacts: 2,
        },
        C: {
          id: uuidv7(),
          practitioner: p2,
          source: 'gp_practice',
          needs: ['low_mood_anxiety'],
          opened: '2025-01-05',
          first: '2025-01-14',
          closed: null,
          reason: null,
          contacts: 3,
        },
        D: {
          id: uuidv7(),
          practitioner: p2,
          source: 'vcse',
          needs: ['isolation'],
          opened: '2025-01-10',
          first: null,
          closed: null,
          reason: null,
          contacts: 0,
        },
      };
      for (const c of Object.values(cases)) {
        const referralId = uuidv7();
        await q(
          `INSERT INTO outcome_referral (referral_id, referral_source, needs, integration_model, status, received_at)
           VALUES ($1, $2, $3, 'none', 'accepted', $4)`,
          [referralId, c.source, c.needs, `${c.opened}T09:00:00Z`],
        );
        await q(
          `INSERT INTO outcome_case (case_id, referral_id, person_id, practitioner_id, referral_source, needs, integration_model,
             archetype, opened_at, first_contact_at, contacts_attended, closed_at, closure_reason)
           VALUES ($1, $2, $3, $4, $5, $6, 'none', 'community_centre', $7, $8, $9, $10, $11)`,
          [
            c.id,
            referralId,
            uuidv7(),
            c.practitioner,
            c.source,
            c.needs,
            `${c.opened}T09:00:00Z`,
            c.first && `${c.first}T09:00:00Z`,
            c.contacts,
            c.closed && `${c.closed}T09:00:00Z`,
            c.reason,
          ],
        );
      }
      await q(
        `INSERT INTO outcome_referral (referral_id, referral_source, needs, integration_model, status, received_at)
         VALUES ($1, 'self', '{isolation}', 'none', 'declined', '2025-01-20T09:00:00Z')`,
        [uuidv7()],
      );
      // [case, measure, baseline, end of support]
      const pairs: Array<[keyof typeof cases, string, number, number]> = [
        ['A', 'swemwbs', 19.25, 23.21],
        ['B', 'swemwbs', 17.43, 17.98],
        ['C', 'swemwbs', 21.54, 20.73],
        ['A', 'ons4_life_satisfaction', 4, 7],
        ['B', 'ons4_life_satisfaction', 5, 5],
        ['C', 'ons4_life_satisfaction', 6, 8],
        ['A', 'ons4_anxiety', 6, 3],
        ['B', 'ons4_anxiety', 2, 4],
        ['C', 'ons4_anxiety', 5, 5],
        ['A', 'ucla3', 7, 5],
        ['B', 'ucla3', 6, 6],
        ['C', 'ucla3', 8, 4],
        ['A', 'health_gp_consultations', 4, 2],
        ['B', 'health_gp_consultations', 2, 3],
        ['C', 'health_gp_consultations', 6, 1],
      ];
      for (const [key, measure, before, after] of pairs) {
        const c = cases[key];
        for (const [timepoint, score, at, baseline] of [
          ['baseline', before, c.first, null],
          ['end_of_support', after, '2025-02-10', before],
        ] as const) {
          await q(
            `INSERT INTO outcome_record (id, recording_id, case_id, person_id, timepoint, measure, score, recorded_by,
               recorded_at, baseline_score)
             VALUES ($1, $1, $2, $3, $4, $5, $6, 'lw-seed', $7, $8)`,
            [uuidv7(), c.id, uuidv7(), timepoint, measure, score, `${at}T10:00:00Z`, baseline],
          );
        }
      }
      // a baseline without its follow-up is not a pair
      await q(
        `INSERT INTO outcome_record (id, recording_id, case_id, person_id, timepoint, measure, score, recorded_by, recorded_at)
         VALUES ($1, $1, $2, $3, 'baseline', 'swemwbs', 14.08, 'lw-seed', '2025-01-15T10:00:00Z')`,
        [uuidv7(), cases.D.id, uuidv7()],
      );
      for (const [key, timepoint, due, status] of [
        ['A', 'baseline', '2025-01-04', 'recorded'],
        ['A', 'end_of_support', '2025-02-10', 'recorded'],
        ['B', 'baseline', '2025-01-07', 'recorded'],
        ['B', 'end_of_support', '2025-02-10', 'recorded'],
        ['C', 'baseline', '2025-01-14', 'recorded'],
        ['C', 'end_of_support', '2025-02-10', 'recorded'],
        ['C', 'six_week', '2025-02-01', 'pending'],
        ['B', 'six_week', '2025-02-01', 'cancelled'],
      ] as const) {
        await q(
          `INSERT INTO outcome_due (case_id, timepoint, person_id, due_at, overdue_at, status) VALUES ($1, $2, $3, $4, $4, $5)`,
          [cases[key].id, timepoint, uuidv7(), `${due}T09:00:00Z`, status],
        );
      }
      for (const [key, partner, answeredDays, status] of [
        ['A', 'org-a', 2, 'accepted'],
        ['B', 'org-a', null, 'sent'],
        ['C', 'org-b', 5, 'completed'],
      ] as const) {
        await q(
          `INSERT INTO outcome_onward_referral (onward_referral_id, case_id, directory_service_id, partner_organisation_id, status,
             sent_at, answered_at, response_seconds, feedback_at, updated_at)
           VALUES ($1, $2, 'svc', $3, $4, '2025-01-15T09:00:00Z', $5, $6, $7, now())`,
          [
            uuidv7(),
            cases[key].id,
            partner,
            status,
            answeredDays && '2025-01-20T09:00:00Z',
            answeredDays && answeredDays * 86_400,
            status === 'completed' ? '2025-02-01T09:00:00Z' : null,
          ],
        );
      }
    });

    const dashboard = (filters: Record<string, string> = {}) =>
      stack.requests.request(OUTCOMES_DASHBOARD_V1, { ...window, ...filters });

    it('gives paired counts, mean change with 95% CI and share improved per measure', async () => {
      const result = await dashboard();
      const byMeasure = Object.fromEntries(result.outcomes.map((o) => [o.measure, o]));
      expect(byMeasure.swemwbs).toEqual({
        measure: 'swemwbs',
        direction: 'higher_is_better',
        nPaired: 3,
        meanBaseline: 19.4067,
        meanFollowUp: 20.64,
        meanChange: 1.2333,
        sd: 2.4573,
        ci95: { lower: -4.871, upper: 7.3377 },
        // only A moved by at least 1 metric point
        nImproved: 1,
        shareImproved: 0.3333,
      });
      expect(byMeasure.ons4_life_satisfaction).toMatchObject({
        nPaired: 3,
        meanChange: 1.6667,
        nImproved: 2,
        ci95: { lower: -2.1279, upper: 5.4612 },
      });
      expect(byMeasure.ons4_anxiety).toMatchObject({
        direction: 'lower_is_better',
        meanChange: -0.3333,
        nImproved: 1,
      });
      expect(byMeasure.ucla3).toMatchObject({
        meanChange: -2,
        sd: 2,
        nImproved: 2,
        ci95: { lower: -6.9683, upper: 2.9683 },
      });
      expect(result.healthUse).toEqual([
        {
          item: 'health_gp_consultations',
          nPaired: 3,
          baselineSum: 12,
          followUpSum: 6,
          changePerPerson: -2,
          nReduced: 2,
        },
      ]);
      expect(result.swemwbsEnoughForComparison).toBe(false);
      expect(result.completion).toEqual({ due: 7, recorded: 6, rate: 0.8571 });
    });

    it('gives pathway and partner metrics', async () => {
      const { pathway, partners } = await dashboard();
      expect(pathway).toMatchObject({
        referralsReceived: 5,
        referralsAccepted: 4,
        casesOpened: 4,
        casesWithFirstContact: 3,
        casesClosed: 2,
        casesCompleted: 1,
        closedByReason: { completed: 1, did_not_engage: 1 },
        conversion: { acceptedOfReceived: 0.8, contactedOfOpened: 0.75, completedOfOpened: 0.25 },
        dropOff: { beforeFirstContact: 1, closedNotCompleted: 1 },
        daysToFirstContact: { n: 3, mean: 5, median: 4 },
        contactsPerClosedCase: { n: 2, mean: 4 },
      });
      expect(partners).toEqual([
        {
          partnerOrganisationId: 'org-a',
          sent: 2,
          answered: 1,
          feedbackRate: 0.5,
          feedbackReceived: 0,
          medianResponseDays: 2,
          completed: 0,
        },
        {
          partnerOrganisationId: 'org-b',
          sent: 1,
          answered: 1,
          feedbackRate: 1,
          feedbackReceived: 1,
          medianResponseDays: 5,
          completed: 1,
        },
      ]);
    });

    it.each([
      [{ practitionerId: 'p1' }, 2, 2.255],
      [{ referralSource: 'gp_practice' }, 2, 1.575],
      [{ need: 'money_debt' }, 1, 0.55],
      [{ integrationModel: 'brokered_referral' }, 0, undefined],
      [{ archetype: 'community_centre' }, 3, 1.2333],
      [{ from: '2025-02-11T00:00:00Z' }, 0, undefined],
    ])('filters by %j', async (filter, nPaired, meanChange) => {
      const resolved = Object.fromEntries(
        Object.entries(filter).map(([k, v]) => [k, v === 'p1' ? p1 : v]),
      ) as Record<string, string>;
      const swemwbs = (await dashboard(resolved)).outcomes.find((o) => o.measure === 'swemwbs');
      expect(swemwbs?.nPaired).toBe(nPaired === 0 ? undefined : nPaired);
      expect(swemwbs?.meanChange).toBe(meanChange);
    });
  });

  describe('hub snapshots', () => {
    const people = [
      {
        nhsNumber: '9434765919',
        givenName: 'Ada',
        familyName: 'Lovelace',
        dateOfBirth: '1950-12-10',
        postcode: 'LS1 4AP',
      },
      {
        nhsNumber: '4010232137',
        givenName: 'Grace',
        familyName: 'Hopper',
        dateOfBirth: '1946-12-09',
        postcode: 'BD7 1DP',
      },
    ];

    it('publishes a de-identified aggregate snapshot: no field carries any person-level value', async () => {
      const forbidden = new Set<string>();
      for (const [i, person] of people.entries()) {
        Object.values(person).forEach((v) => forbidden.add(v));
        // people's details pushed into every free string an upstream event lets through
        const referral = referralEvent({
          referrerType: person.nhsNumber,
          needs: [
            'isolation',
            `${person.givenName} ${person.familyName}`.toLowerCase(),
            person.postcode.toLowerCase(),
          ],
        });
        const opened = caseOpened({
          referralId: referral.referralId,
          personId: referral.personId,
          referrerType: person.nhsNumber,
          homeScreen: ['cold_or_damp'],
          integrationModel: 'universal_screening',
        });
        [referral.referralId, referral.personId, opened.caseId, opened.practitionerId as string].forEach(
          (v) => forbidden.add(v),
        );
        await stack.publish(INTAKE_REFERRAL_RECEIVED_V1, referral);
        await stack.publish(INTAKE_REFERRAL_ACCEPTED_V1, { ...referral, status: 'accepted' });
        await stack.publish(CASEWORK_CASE_OPENED_V1, opened);
        await stack.publish(CASEWORK_CONTACT_RECORDED_V1, contactRecorded(opened));
        await stack.publish(
          CASEWORK_ONWARD_REFERRAL_STATUS_CHANGED_V1,
          onwardStatus(opened, {
            directoryServiceId: person.familyName,
            partnerOrganisationId: person.nhsNumber,
          }),
        );
        await stack.publish(CASEWORK_PATHWAY_STEP_RECORDED_V1, pathwayStep(opened, { by: person.givenName }));
        await waitUntil(
          async () =>
            (await stack.db.query('SELECT 1 FROM outcome_pathway_step WHERE case_id = $1', [opened.caseId]))
              .rowCount,
        );
        await record({ caseId: opened.caseId, timepoint: 'baseline', swemwbs: [2, 2, 2, 2, 2, 2, 2 + i] });
        await record({ caseId: opened.caseId, timepoint: 'end_of_support', swemwbs: [3, 3, 3, 3, 3, 3, 3] });
      }
      const built = await stack.requests.request(OUTCOMES_SNAPSHOT_BUILD_V1, { kind: 'month' });
      // every SWEMWBS pair of the suite so far was followed up this month (the seeded 2025 set is not)
      const { rows: pairedRows } = await stack.db.query(
        `SELECT count(*)::int AS n FROM outcome_record f JOIN outcome_record b
            ON b.case_id = f.case_id AND b.measure = f.measure AND b.timepoint = 'baseline'
          WHERE f.measure = 'swemwbs' AND f.timepoint = 'end_of_support' AND f.recorded_at >= date_trunc('month', now())`,
      );
      const pairedThisMonth = pairedRows[0].n as number;
      expect(pairedThisMonth).toBeGreaterThanOrEqual(2);
      expect(built).toMatchObject({
        kind: 'month',
        key: periodContaining('month', new Date()).key,
        published: true,
      });
      const published = await waitUntil(() =>
        stack.seen.find(
          (e) =>
            e.subject === `fed.snapshot.${stack.hubId}` &&
            e.payload.version === built.version &&
            e.payload.period &&
            (e.payload.period as { kind: string }).kind === 'month',
        ),
      );
      const snapshot = published.payload;
      // the federation's own contract check: no field outside it (forbidNonWhitelisted)
      const errors = validateSync(plainToInstance(HubSnapshotV1, snapshot), {
        whitelist: true,
        forbidNonWhitelisted: true,
      });
      expect(errors).toEqual([]);
      const leaves: string[] = [];
      const walk = (value: unknown, path: string): void => {
        if (value && typeof value === 'object')
          Object.entries(value).forEach(([k, v]) => walk(v, `${path}.${k}`));
        else leaves.push(`${path}=${String(value)}`);
      };
      walk(snapshot, 'snapshot');
      expect(leaves.length).toBeGreaterThan(40);
      const leaks = leaves.filter((leaf) =>
        [...forbidden].some((value) => leaf.toLowerCase().includes(value.toLowerCase())),
      );
      expect(leaks).toEqual([]);
      // free text arriving as a code is counted as "other", never passed on
      expect((snapshot.referrals as { byNeed: unknown[] }).byNeed).toEqual(
        expect.arrayContaining([{ key: 'other', count: 4 }]),
      );
      expect(snapshot).toMatchObject({ hubId: 'hub1', archetype: 'community_centre', population: 52000 });
      expect(
        (snapshot.outcomes as Array<{ measure: string }>).find((o) => o.measure === 'swemwbs'),
      ).toMatchObject({ nPaired: pairedThisMonth });
    });

    it('keeps the version when nothing changed and raises it after late data', async () => {
      const first = await stack.requests.request(OUTCOMES_SNAPSHOT_BUILD_V1, { kind: 'week' });
      const again = await stack.requests.request(OUTCOMES_SNAPSHOT_BUILD_V1, { kind: 'week' });
      expect(again).toEqual({ ...first, published: false });
      await stack.publish(INTAKE_REFERRAL_RECEIVED_V1, referralEvent());
      await waitUntil(async () => {
        const rebuilt = await stack.requests.request(OUTCOMES_SNAPSHOT_BUILD_V1, { kind: 'week' });
        return rebuilt.published ? rebuilt : null;
      });
      const { rows } = await stack.db.query(
        `SELECT version FROM hub_snapshot WHERE period_kind = 'week' AND period_key = $1 ORDER BY version`,
        [first.key],
      );
      expect(rows.map((r) => r.version)).toEqual([first.version, first.version + 1]);
    });
  });
});
