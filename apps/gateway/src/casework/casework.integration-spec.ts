import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  DIRECTORY_ORGANIZATION_SAVE_V1,
  DIRECTORY_SERVICE_GET_V1,
  DIRECTORY_SERVICE_SAVE_V1,
} from '@linkway/contracts';
import { waitUntil } from '@linkway/testing';
import {
  account,
  acceptedReferral,
  caseOf,
  type CaseworkStack,
  publishAccepted,
  startCaseworkStack,
} from './test-fixtures/casework-stack';

type Headers = Record<string, string>;
const NUDGE_S = 2;
const EXPIRE_S = 4;

describe('casework through the gateway (gateway + casework + partner-directory on a private NATS)', () => {
  let stack: CaseworkStack;
  let manager: Headers;
  let lw1: { id: string; headers: Headers };
  let lw2: { id: string; headers: Headers };
  let navigator: { id: string; headers: Headers };
  let partner: Headers;
  let otherPartner: Headers;
  let practitioners: Record<'lw1' | 'lw2' | 'nav', string>;
  let serviceId: string;
  let orgId: string;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: Headers, payload?: unknown) =>
    stack.gateway.app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      payload: payload as Record<string, unknown>,
    });
  const placesLeft = async () =>
    (await stack.requests.request(DIRECTORY_SERVICE_GET_V1, { serviceId })).capacity.placesLeft;
  /** The directory's reservations for one onward referral (its id is the reservation's reference). */
  const reservations = async (onwardReferralId: string) =>
    (
      await stack.db.query<{ released: boolean }>(
        `SELECT released_at IS NOT NULL AS released FROM partner_directory.capacity_reservations WHERE reference = $1`,
        [onwardReferralId],
      )
    ).rows;
  const eventsFor = (subject: string, key: string, id: string) =>
    stack.events.filter((e) => e.subject === subject && e.payload[key] === id);
  const practitioner = async (accountId: string, name: string, role: string, caseloadCapacity: number) => {
    const response = await call('POST', '/casework/practitioners', manager, {
      accountId,
      name,
      role,
      hoursPerWeek: 37.5,
      caseloadCapacity,
      startedOn: '2024-01-01',
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  /** Opens a case through intake's event, allocated per the rules; returns its id. */
  const openCase = async (overrides: Parameters<typeof acceptedReferral>[0] = {}) => {
    const event = acceptedReferral(overrides);
    await publishAccepted(stack, event);
    return caseOf(stack, event.referralId);
  };
  const planFor = async (caseId: string, headers: Headers) => {
    const response = await call('PUT', `/casework/cases/${caseId}/plan`, headers, {
      goals: [
        {
          goal: 'Warmer home',
          whyItMatters: 'health',
          steps: ['apply'],
          whoHelps: ['partner'],
          status: 'in_progress',
        },
      ],
      agreedDate: '2026-11-01',
    });
    expect(response.statusCode).toBe(200);
  };
  const referOn = (caseId: string, headers: Headers, key = randomUUID(), consentToShare = true) =>
    call(
      'POST',
      `/casework/cases/${caseId}/onward-referrals`,
      { ...headers, 'idempotency-key': key },
      {
        directoryServiceId: serviceId,
        consentToShare,
      },
    );

  beforeAll(async () => {
    stack = await startCaseworkStack('gw-casework', {
      CASEWORK_CHASER_NUDGE_AFTER_SECONDS: String(NUDGE_S),
      CASEWORK_CHASER_EXPIRE_AFTER_SECONDS: String(EXPIRE_S),
      CASEWORK_CHASER_LOCK_MS: '1500',
      NATS_REQUEST_TIMEOUT_MS: '2000', // casework → directory; the gateway waits its default 5 s
    });
    const org = await stack.requests.request(DIRECTORY_ORGANIZATION_SAVE_V1, {
      name: 'Healthy Homes Leeds',
      description: 'Housing and health partner',
    });
    orgId = org.id;
    const saved = await stack.requests.request(DIRECTORY_SERVICE_SAVE_V1, {
      service: {
        organizationId: orgId,
        name: 'Warm Homes Service',
        status: 'active',
        referral: { route: 'in_platform', contacts: [{ name: 'Priya Shah', role: 'Referrals lead' }] },
        capacity: { accepting: 'yes', maxNewPerWeek: 50 },
      },
    });
    serviceId = saved.service.id;
    manager = (await account(stack.gateway, 'hub_manager')).headers;
    const [a, b, c] = await Promise.all([
      account(stack.gateway, 'link_worker'),
      account(stack.gateway, 'link_worker'),
      account(stack.gateway, 'link_worker'),
    ]);
    lw1 = a;
    lw2 = b;
    navigator = c;
    partner = (await account(stack.gateway, 'partner', orgId)).headers;
    otherPartner = (await account(stack.gateway, 'partner', randomUUID())).headers;
    practitioners = {
      lw1: await practitioner(lw1.id, 'Lee Worker', 'link_worker', 3),
      lw2: await practitioner(lw2.id, 'Lou Worker', 'link_worker', 1),
      nav: await practitioner(navigator.id, 'Nia Navigator', 'specialist_navigator', 10),
    };
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  describe('allocation from intake events', () => {
    it('allocates by queue to the practitioner with most free places, once per referral even when redelivered', async () => {
      const event = acceptedReferral();
      await publishAccepted(stack, event);
      await publishAccepted(stack, event); // a second copy with another message id: still one case
      const caseId = await caseOf(stack, event.referralId);
      const specialist = await openCase({
        queue: 'specialist_navigator',
        integrationModel: 'embedded_specialist',
      });
      const got = await call('GET', `/casework/cases/${caseId}`, manager);
      expect(got.statusCode).toBe(200);
      expect(got.json()).toMatchObject({
        state: 'allocated',
        practitionerId: practitioners.lw1,
        queue: 'general',
      });
      expect((await call('GET', `/casework/cases/${specialist}`, manager)).json().practitionerId).toBe(
        practitioners.nav,
      );
      const { rows } = await stack.db.query(
        `SELECT count(*)::int AS n FROM casework.person_case WHERE referral_id = $1`,
        [event.referralId],
      );
      expect(rows[0].n).toBe(1);
      const opened = await waitUntil(() => eventsFor('evt.casework.case.opened.v1', 'caseId', caseId)[0]);
      expect(opened.payload).toMatchObject({
        referralId: event.referralId,
        practitionerId: practitioners.lw1,
      });
    });

    it('lets a hub manager allocate by hand with a reason, and shows load with an over-capacity warning', async () => {
      const caseId = await openCase();
      const refused = await call('POST', `/casework/cases/${caseId}/allocation`, lw1.headers, {
        practitionerId: practitioners.lw2,
        reason: 'continuity',
      });
      expect(refused.statusCode).toBe(403);
      const other = await openCase();
      for (const id of [caseId, other]) {
        const moved = await call('POST', `/casework/cases/${id}/allocation`, manager, {
          practitionerId: practitioners.lw2,
          reason: 'knows the family',
        });
        expect(moved.statusCode).toBe(200);
        expect(moved.json().allocations.at(-1)).toMatchObject({
          practitionerId: practitioners.lw2,
          reason: 'knows the family',
        });
      }
      const list = (await call('GET', '/casework/practitioners', manager)).json();
      const lou = list.practitioners.find((p: { id: string }) => p.id === practitioners.lw2);
      expect(lou.load).toMatchObject({ openCases: 2, caseloadCapacity: 1, overCapacity: true });
      expect(lou.supervision.overdue).toBe(true); // started 2024, never supervised
    });
  });

  describe('case lifecycle, contacts and hub scoping', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = await openCase();
      // lw1 has the most free places again? make sure this case is lw1's for the scoping checks
      await call('POST', `/casework/cases/${caseId}/allocation`, manager, {
        practitionerId: practitioners.lw1,
        reason: 'test',
      });
    });

    it('refuses an invalid transition with 409 naming the allowed ones, and events every valid one', async () => {
      const skip = await call('POST', `/casework/cases/${caseId}/transitions`, lw1.headers, {
        to: 'plan_agreed',
      });
      expect(skip.statusCode).toBe(409);
      expect(skip.json().message).toContain('first_contact, closed');
      const close = await call('POST', `/casework/cases/${caseId}/transitions`, lw1.headers, {
        to: 'closed',
      });
      expect(close.statusCode).toBe(400);
      for (const to of [
        'first_contact',
        'what_matters_conversation',
        'plan_agreed',
        'support_in_progress',
        'follow_up',
      ]) {
        const moved = await call('POST', `/casework/cases/${caseId}/transitions`, lw1.headers, { to });
        expect(moved.statusCode).toBe(200);
        expect(moved.json().state).toBe(to);
      }
      const closed = await call('POST', `/casework/cases/${caseId}/transitions`, lw1.headers, {
        to: 'closed',
        closureReason: 'completed',
      });
      expect(closed.json()).toMatchObject({
        state: 'closed',
        closureReason: 'completed',
        allowedTransitions: [],
      });
      expect(closed.json().transitions.map((t: { to: string }) => t.to)).toEqual([
        'allocated',
        'first_contact',
        'what_matters_conversation',
        'plan_agreed',
        'support_in_progress',
        'follow_up',
        'closed',
      ]);
      const after = await call('POST', `/casework/cases/${caseId}/transitions`, lw1.headers, {
        to: 'follow_up',
      });
      expect(after.statusCode).toBe(409);
      await waitUntil(
        () => eventsFor('evt.casework.case.transitioned.v1', 'caseId', caseId).length === 6 || undefined,
      );
      const closedEvent = await waitUntil(
        () => eventsFor('evt.casework.case.closed.v1', 'caseId', caseId)[0],
      );
      expect(closedEvent.payload).toMatchObject({
        closureReason: 'completed',
        referrerType: 'gp_practice',
        needs: ['isolation'],
        practitionerId: practitioners.lw1,
        archetype: 'community_centre',
      });
    });

    it('shows only their own cases to a link worker (404 otherwise), nothing to a partner, and audits reads', async () => {
      expect((await call('GET', `/casework/cases/${caseId}`, lw1.headers)).statusCode).toBe(200);
      expect((await call('GET', `/casework/cases/${caseId}`, lw2.headers)).statusCode).toBe(404);
      expect((await call('GET', `/casework/cases/${caseId}`, partner)).statusCode).toBe(403);
      const mine = (await call('GET', '/casework/cases', lw2.headers)).json().cases as Array<{
        practitionerId: string;
      }>;
      expect(mine.every((c) => c.practitionerId === practitioners.lw2)).toBe(true);
      const other = await stack.gateway.app.inject({
        method: 'GET',
        url: `/api/v1/casework/cases/${caseId}`,
        headers: { authorization: `Bearer ${lw1.headers.authorization.slice(7)}x` },
      });
      expect(other.statusCode).toBe(401);
      const { rows } = await stack.db.query(
        `SELECT action FROM gateway.audit_log WHERE entity = 'case' AND entity_id = $1 ORDER BY at`,
        [caseId],
      );
      expect(rows.map((r: { action: string }) => r.action)).toEqual(
        expect.arrayContaining(['case.read', 'case.transition']),
      );
    });

    it('logs contacts, counts them against the 6–12 norm and flags 14 days without contact', async () => {
      const open = await openCase();
      await call('POST', `/casework/cases/${open}/allocation`, manager, {
        practitionerId: practitioners.lw1,
        reason: 'test',
      });
      await stack.db.query(
        `UPDATE casework.person_case SET opened_at = now() - interval '30 days' WHERE id = $1`,
        [open],
      );
      const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
      const dna = await call('POST', `/casework/cases/${open}/contacts`, lw1.headers, {
        at: daysAgo(20),
        mode: 'home_visit',
        durationMinutes: 0,
        didNotAttend: true,
      });
      expect(dna.statusCode).toBe(201);
      expect(dna.json().contactNorms).toMatchObject({
        attended: 0,
        didNotAttend: 1,
        noContactFlag: true,
        norm: { min: 6, max: 12, weeks: 12 },
      });
      const flagged = (await call('GET', '/casework/cases?noContact=true', lw1.headers))
        .json()
        .cases.map((c: { id: string }) => c.id);
      expect(flagged).toContain(open);
      const seen = await call('POST', `/casework/cases/${open}/contacts`, lw1.headers, {
        at: daysAgo(1),
        mode: 'phone',
        durationMinutes: 25,
        notes: 'Talked about the lunch club',
        present: ['daughter'],
      });
      expect(seen.json().contactNorms).toMatchObject({
        attended: 1,
        weeksOpen: 4,
        expectedByNow: 2,
        pace: 'behind',
        noContactFlag: false,
      });
      const event = await waitUntil(() =>
        eventsFor('evt.casework.contact.recorded.v1', 'caseId', open).find((e) => e.payload.mode === 'phone'),
      );
      expect(event.payload).toMatchObject({ didNotAttend: false, attendedCount: 1, durationMinutes: 25 });
      expect(JSON.stringify(event.payload)).not.toMatch(/lunch club|daughter/);
    });

    it('keeps what matters, and every plan version with who, when and what changed', async () => {
      const open = await openCase();
      await call('POST', `/casework/cases/${open}/allocation`, manager, {
        practitionerId: practitioners.lw1,
        reason: 'test',
      });
      const wm = await call('PUT', `/casework/cases/${open}/what-matters`, lw1.headers, {
        whatMatters: 'Getting back to the allotment',
        strengths: 'Green fingers',
        concerns: 'Knees',
      });
      expect(wm.json().whatMatters).toMatchObject({
        whatMatters: 'Getting back to the allotment',
        updatedBy: lw1.id,
      });
      const v1 = await call('PUT', `/casework/cases/${open}/plan`, lw1.headers, {
        goals: [
          {
            goal: 'Allotment twice a week',
            whyItMatters: 'it is who I am',
            steps: ['ask about a raised bed'],
            whoHelps: ['son'],
            status: 'not_started',
          },
          { goal: 'Walking group', whyItMatters: 'company', steps: [], whoHelps: [], status: 'not_started' },
        ],
      });
      expect(v1.json()).toMatchObject({ version: 1, agreedDate: null, changedBy: lw1.id });
      const [allotment, walking] = v1.json().goals;
      const v2 = await call('PUT', `/casework/cases/${open}/plan`, manager, {
        goals: [
          { ...allotment, status: 'in_progress' },
          {
            goal: 'Men in sheds',
            whyItMatters: 'tools and tea',
            steps: ['visit'],
            whoHelps: ['link worker'],
            status: 'not_started',
          },
        ],
        agreedDate: '2026-11-20',
      });
      expect(v2.json().version).toBe(2);
      const history = (await call('GET', `/casework/cases/${open}/plan/versions`, lw1.headers)).json()
        .versions;
      expect(history).toHaveLength(2);
      expect(history[0].goals).toHaveLength(2);
      expect(history[1]).toMatchObject({ version: 2, agreedDate: '2026-11-20' });
      expect(history[1].diff).toEqual({
        added: [history[1].goals[1].id],
        removed: [walking.id],
        changed: { [allotment.id]: ['status'] },
        agreedDateChanged: true,
      });
      expect(history[1].changedBy).not.toBe(history[0].changedBy);
    });
  });

  describe('onward referrals and the partner feedback loop', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = await openCase();
      await call('POST', `/casework/cases/${caseId}/allocation`, manager, {
        practitionerId: practitioners.lw1,
        reason: 'test',
      });
    });

    it('refers on from a plan only, with consent, reserving one place however often it is retried', async () => {
      expect((await referOn(caseId, lw1.headers)).statusCode).toBe(409); // no plan yet
      await planFor(caseId, lw1.headers);
      expect((await referOn(caseId, lw1.headers, randomUUID(), false)).statusCode).toBe(400);
      const before = await placesLeft();
      const key = randomUUID();
      const first = await referOn(caseId, lw1.headers, key);
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({
        status: 'sent',
        directoryServiceId: serviceId,
        partnerOrganisationId: orgId,
        contactName: 'Priya Shah',
        route: 'in_platform',
      });
      const retry = await referOn(caseId, lw1.headers, key);
      expect(retry.json().id).toBe(first.json().id);
      expect(await placesLeft()).toBe((before as number) - 1);
      expect(await reservations(first.json().id)).toEqual([{ released: false }]);
    });

    it('runs the full trail answered by the partner, with feedback on the case; other partners see nothing', async () => {
      const sent = (await referOn(caseId, lw1.headers)).json();
      const listed = (await call('GET', '/partner/referrals', partner))
        .json()
        .referrals.map((r: { id: string }) => r.id);
      expect(listed).toContain(sent.id);
      expect((await call('GET', '/partner/referrals', otherPartner)).json().referrals).toEqual([]);
      expect(
        (await call('POST', `/partner/referrals/${sent.id}/status`, otherPartner, { status: 'accepted' }))
          .statusCode,
      ).toBe(404);
      expect(
        (await call('POST', `/partner/referrals/${sent.id}/status`, partner, { status: 'completed' }))
          .statusCode,
      ).toBe(409);
      for (const status of ['accepted', 'started', 'completed']) {
        const answered = await call('POST', `/partner/referrals/${sent.id}/status`, partner, {
          status,
          note: `${status} ok`,
        });
        expect(answered.statusCode).toBe(200);
      }
      const view = (await call('GET', `/casework/cases/${caseId}`, lw1.headers)).json();
      const onward = view.onwardReferrals.find((o: { id: string }) => o.id === sent.id);
      expect(onward.trail.map((t: { to: string }) => t.to)).toEqual([
        'sent',
        'accepted',
        'started',
        'completed',
      ]);
      expect(view.notifications.map((n: { kind: string }) => n.kind)).toEqual(
        expect.arrayContaining(['partner_started', 'partner_completed']),
      );
      const statuses = await waitUntil(() => {
        const seen = eventsFor('evt.casework.onward_referral.status_changed.v1', 'onwardReferralId', sent.id);
        return seen.length === 4 ? seen : undefined;
      });
      expect(statuses.find((e) => e.payload.status === 'accepted')?.payload.responseSeconds).toEqual(
        expect.any(Number),
      );
      await waitUntil(() =>
        eventsFor('evt.casework.partner_feedback.received.v1', 'onwardReferralId', sent.id).find(
          (e) => e.payload.outcome === 'completed',
        ),
      );
    });

    it('leaves nothing reserved when the directory times out, and a later retry with the key succeeds', async () => {
      const key = randomUUID();
      const byKey = async () =>
        (
          await stack.db.query<{ released: boolean }>(
            `SELECT released_at IS NOT NULL AS released FROM partner_directory.capacity_reservations WHERE idempotency_key LIKE $1`,
            [`casework:${caseId}:%${key}`],
          )
        ).rows;
      // hold the service's row lock: the directory answers the service lookup but its reserve waits
      const lock = new Client({ connectionString: stack.gateway.db.url });
      await lock.connect();
      try {
        await lock.query('BEGIN');
        await lock.query('SELECT 1 FROM partner_directory.services WHERE id = $1 FOR UPDATE', [serviceId]);
        const timedOut = await referOn(caseId, lw1.headers, key);
        expect(timedOut.statusCode).toBe(504);
      } finally {
        await lock.query('COMMIT');
        await lock.end();
      }
      // the directory takes the place once the lock goes; the cleanup job gives it back
      await waitUntil(
        async () => ((await byKey()).length === 1 && (await byKey())[0].released) || undefined,
        {
          timeoutMs: 20_000,
        },
      );
      const { rows } = await stack.db.query(
        `SELECT count(*)::int AS n FROM casework.onward_referral WHERE idempotency_key LIKE $1`,
        [`%${key}`],
      );
      expect(rows[0].n).toBe(0);
      const retried = await referOn(caseId, lw1.headers, key);
      expect(retried.statusCode).toBe(201);
      expect(await byKey()).toEqual([{ released: false }]);
    }, 40_000);

    it('gives the place back when the partner declines (a reason is required)', async () => {
      const sent = (await referOn(caseId, lw1.headers)).json();
      expect(await reservations(sent.id)).toEqual([{ released: false }]);
      expect(
        (await call('POST', `/partner/referrals/${sent.id}/status`, partner, { status: 'declined' }))
          .statusCode,
      ).toBe(400);
      const declined = await call('POST', `/partner/referrals/${sent.id}/status`, partner, {
        status: 'declined',
        reason: 'out_of_area',
      });
      expect(declined.json()).toMatchObject({ status: 'declined', reason: 'out_of_area' });
      expect(await reservations(sent.id)).toEqual([{ released: true }]);
    });
  });

  describe('chasers (nudge after 2 s, expire after 4 s in this suite)', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = await openCase();
      await call('POST', `/casework/cases/${caseId}/allocation`, manager, {
        practitionerId: practitioners.lw1,
        reason: 'test',
      });
      await planFor(caseId, lw1.headers);
    });
    const chaserJobs = async (onwardReferralId: string) =>
      (await stack.chaserQueue.getJobs(['delayed', 'waiting', 'active', 'completed', 'failed'])).filter(
        (j) => j?.data?.onwardReferralId === onwardReferralId,
      );
    const count = async (sql: string, id: string) => (await stack.db.query(sql, [id])).rows[0].n as number;

    it('nudges then expires an unanswered referral once, even with a redelivered event and a restart', async () => {
      const sent = (await referOn(caseId, lw1.headers)).json();
      const sentEvent = await waitUntil(
        () => eventsFor('evt.casework.onward_referral.status_changed.v1', 'onwardReferralId', sent.id)[0],
      );
      await waitUntil(async () => ((await chaserJobs(sent.id)).length === 2 ? true : undefined));
      // the same event again (as a redelivery would bring it) and a restart of the service
      await stack.js.publish(
        'evt.casework.onward_referral.status_changed.v1',
        JSON.stringify(sentEvent.payload),
        { msgID: randomUUID() },
      );
      await stack.restartCasework();
      await waitUntil(
        () => eventsFor('evt.casework.onward_referral.nudged.v1', 'onwardReferralId', sent.id)[0],
        { timeoutMs: 15_000 },
      );
      const view = (await call('GET', `/casework/cases/${caseId}`, lw1.headers)).json();
      const tasks = view.tasks.filter((t: { onwardReferralId: string }) => t.onwardReferralId === sent.id);
      expect(tasks).toHaveLength(1);
      expect(tasks[0].kind).toBe('onward_nudge');
      expect(
        (await call('POST', `/casework/cases/${caseId}/tasks/${tasks[0].id}/done`, lw2.headers)).statusCode,
      ).toBe(404);
      const done = await call('POST', `/casework/cases/${caseId}/tasks/${tasks[0].id}/done`, lw1.headers);
      expect(done.json().tasks.map((t: { id: string }) => t.id)).not.toContain(tasks[0].id);
      await waitUntil(
        async () =>
          (await count(
            `SELECT count(*)::int AS n FROM casework.onward_referral WHERE id = $1 AND capacity_released_at IS NOT NULL`,
            sent.id,
          )) === 1 || undefined,
        { timeoutMs: 15_000 },
      );
      expect(await reservations(sent.id)).toEqual([{ released: true }]);
      expect(await chaserJobs(sent.id)).toHaveLength(2);
      expect(eventsFor('evt.casework.onward_referral.nudged.v1', 'onwardReferralId', sent.id)).toHaveLength(
        1,
      );
      expect(
        await count(
          `SELECT count(*)::int AS n FROM casework.onward_referral_status WHERE onward_referral_id = $1 AND to_status = 'expired'`,
          sent.id,
        ),
      ).toBe(1);
      const after = (await call('GET', `/casework/cases/${caseId}`, lw1.headers)).json();
      expect(
        after.notifications.filter(
          (n: { kind: string; onwardReferralId: string }) =>
            n.kind === 'onward_expired' && n.onwardReferralId === sent.id,
        ),
      ).toHaveLength(1);
    }, 40_000);

    it('an answer before the window stops the chasers', async () => {
      const sent = (await referOn(caseId, lw1.headers)).json();
      await call('POST', `/partner/referrals/${sent.id}/status`, partner, { status: 'accepted' });
      await waitUntil(
        async () => ((await chaserJobs(sent.id)).filter((j) => j.finishedOn).length === 2 ? true : undefined),
        {
          timeoutMs: 15_000,
        },
      );
      const view = (await call('GET', `/casework/cases/${caseId}`, lw1.headers)).json();
      expect(view.onwardReferrals.find((o: { id: string }) => o.id === sent.id).status).toBe('accepted');
      expect(
        view.tasks.filter((t: { onwardReferralId: string }) => t.onwardReferralId === sent.id),
      ).toHaveLength(0);
    }, 30_000);

    it('a worker killed mid-job (after the expiry committed, before the release) leaves the effect applied once', async () => {
      const sent = (await referOn(caseId, lw1.headers)).json();
      await waitUntil(
        () => eventsFor('evt.casework.onward_referral.nudged.v1', 'onwardReferralId', sent.id)[0],
        { timeoutMs: 15_000 },
      );
      stack.directory.pause(); // the release request will hang: the job sits between its commit and its end
      try {
        await waitUntil(
          async () =>
            (await count(
              `SELECT count(*)::int AS n FROM casework.onward_referral WHERE id = $1 AND status = 'expired'`,
              sent.id,
            )) === 1 || undefined,
          { timeoutMs: 15_000 },
        );
        await stack.killCasework();
      } finally {
        stack.directory.resume();
      }
      await waitUntil(
        async () =>
          (await count(
            `SELECT count(*)::int AS n FROM casework.onward_referral WHERE id = $1 AND capacity_released_at IS NOT NULL`,
            sent.id,
          )) === 1 || undefined,
        { timeoutMs: 20_000 },
      );
      expect(await reservations(sent.id)).toEqual([{ released: true }]);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM casework.onward_referral_status WHERE onward_referral_id = $1 AND to_status = 'expired'`,
          sent.id,
        ),
      ).toBe(1);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM casework.case_notification WHERE onward_referral_id = $1 AND kind = 'onward_expired'`,
          sent.id,
        ),
      ).toBe(1);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM casework.outbox WHERE subject = 'evt.casework.onward_referral.status_changed.v1' AND payload->>'onwardReferralId' = $1 AND payload->>'status' = 'expired'`,
          sent.id,
        ),
      ).toBe(1);
    }, 60_000);
  });

  describe('home-environment pathway and its metrics', () => {
    const DAY = 86_400_000;
    const base = Date.parse('2026-01-01T00:00:00Z');
    const on = (day: number) => new Date(base + day * DAY).toISOString();
    const ORDER = [
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
    const step = (
      caseId: string,
      headers: Headers,
      i: number,
      day: number,
      url = `/casework/cases/${caseId}/pathway/steps`,
    ) =>
      call('POST', url, headers, {
        step: ORDER[i],
        at: on(day),
        ...(ORDER[i] === 'decision' ? { decision: 'approved' } : {}),
        ...(ORDER[i] === 'eligibility_check' ? { schemes: ['insulation_heating'] } : {}),
        ...(ORDER[i] === 'council_contacted' ? { councilContact: 'Sam at Leeds Healthy Homes' } : {}),
      });

    it('records steps in order with who and when, and computes the metrics worked out by hand', async () => {
      await call('POST', `/casework/practitioners/${practitioners.nav}/training`, manager, {
        course: 'home_environment_schemes',
        completedOn: '2025-06-01',
      });
      const embedded = {
        queue: 'specialist_navigator',
        integrationModel: 'embedded_specialist',
        homeScreen: ['cold_or_damp'],
      };
      const a = await openCase(embedded);
      const b = await openCase(embedded);
      const c = await openCase(embedded);
      const d = await openCase({
        queue: 'general',
        integrationModel: 'brokered_referral',
        homeScreen: ['disrepair'],
      });
      await call('POST', `/casework/cases/${c}/allocation`, manager, {
        practitionerId: practitioners.lw1,
        reason: 'cover',
      });
      await call('POST', `/casework/cases/${d}/allocation`, manager, {
        practitionerId: practitioners.lw1,
        reason: 'cover',
      });
      await stack.db.query(`UPDATE casework.person_case SET opened_at = $2 WHERE id = ANY($1)`, [
        [a, b, c, d],
        on(0),
      ]);

      // A: every step; B: delivered but not confirmed; C: dropped after forms; D: brokered, one partner step
      const days = { a: [2, 4, 6, 10, 20, 30, 40, 60, 62], b: [4, 6, 8, 12, 22, 32, 42, 70], c: [10, 12] };
      const outOfOrder = await call('POST', `/casework/cases/${a}/pathway/steps`, navigator.headers, {
        step: 'forms_completed',
      });
      expect(outOfOrder.statusCode).toBe(409);
      expect(outOfOrder.json().message).toContain('eligibility_check');
      for (const [id, list, who] of [
        [a, days.a, navigator.headers],
        [b, days.b, navigator.headers],
        [c, days.c, lw1.headers],
      ] as const) {
        for (const [i, day] of list.entries()) {
          if (ORDER[i] === 'decision' && id === a) {
            const undecided = await call('POST', `/casework/cases/${a}/pathway/steps`, navigator.headers, {
              step: 'decision',
              at: on(day),
            });
            expect(undecided.statusCode).toBe(409);
          }
          const recorded = await step(id, who, i, day);
          expect(recorded.statusCode).toBe(201);
        }
      }
      const pathwayA = (await call('GET', `/casework/cases/${a}`, navigator.headers)).json().pathway;
      expect(pathwayA).toMatchObject({ owner: 'hub', next: null });
      expect(pathwayA.steps[2]).toMatchObject({
        step: 'council_contacted',
        by: navigator.id,
        at: on(6),
        councilContact: 'Sam at Leeds Healthy Homes',
      });

      // brokered: the partner owns the pathway; the case keeps the hand-off status (intake's hand-off event → sent)
      const [{ referral_id: referralD }] = (
        await stack.db.query(`SELECT referral_id FROM casework.person_case WHERE id = $1`, [d])
      ).rows;
      await stack.js.publish(
        'evt.intake.handoff.requested.v1',
        JSON.stringify({
          handoffId: randomUUID(),
          referralId: referralD,
          personId: randomUUID(),
          hubId: 'hub1',
          partner: 'Healthy Homes Leeds',
          homeScreen: ['disrepair'],
          occurredAt: new Date().toISOString(),
        }),
        { msgID: randomUUID() },
      );
      await waitUntil(async () => {
        const view = (await call('GET', `/casework/cases/${d}`, lw1.headers)).json();
        return view.pathway?.handoffStatus === 'sent' || undefined;
      });
      expect((await step(d, lw1.headers, 0, 3)).statusCode).toBe(409);
      await planFor(d, lw1.headers);
      await referOn(d, lw1.headers);
      expect((await step(d, partner, 0, 3, `/partner/cases/${d}/pathway/steps`)).statusCode).toBe(201);
      expect((await step(c, partner, 2, 13, `/partner/cases/${c}/pathway/steps`)).statusCode).toBe(404);
      const handoff = await call('PUT', `/casework/cases/${d}/pathway/handoff`, lw1.headers, {
        status: 'accepted',
      });
      expect(handoff.json()).toMatchObject({
        owner: 'partner',
        handoffStatus: 'accepted',
        next: 'forms_completed',
      });

      const stepEvent = await waitUntil(() =>
        stack.events.find(
          (e) =>
            e.subject === 'evt.casework.pathway.step_recorded.v1' &&
            e.payload.caseId === a &&
            e.payload.step === 'intervention_delivered',
        ),
      );
      expect(stepEvent.payload).toMatchObject({
        integrationModel: 'embedded_specialist',
        practitionerTrained: true,
        owner: 'hub',
      });

      const metrics = await call('GET', '/casework/pathway-metrics', manager);
      expect(metrics.statusCode).toBe(200);
      const { all, byIntegrationModel, byTraining } = metrics.json();
      // by hand: 4 pathways, A and B delivered → 2/4
      expect(all).toMatchObject({ pathways: 4, delivered: 2, conversion: 0.5, droppedBeforeFirstStep: 0 });
      const fig = (s: string) => all.steps.find((x: { step: string }) => x.step === s);
      expect(fig('eligibility_check')).toEqual({ step: 'eligibility_check', reached: 4, droppedAfter: 1 }); // D stops
      expect(fig('forms_completed')).toEqual({ step: 'forms_completed', reached: 3, droppedAfter: 1 }); // C stops
      expect(fig('intervention_delivered')).toEqual({
        step: 'intervention_delivered',
        reached: 2,
        droppedAfter: 1,
      }); // B stops
      const gap = (to: string) => all.medianDaysBetween.find((x: { to: string }) => x.to === to);
      expect(gap('eligibility_check')).toMatchObject({ medianDays: 3.5, n: 4 }); // 2, 3, 4, 10
      expect(gap('intervention_delivered')).toMatchObject({ medianDays: 24, n: 2 }); // 60−40, 70−42
      expect(all.medianDaysReferralToDelivered).toBe(65); // 60, 70
      expect(all.handoff).toEqual({ sent: 1, accepted: 1, dropped: 0, dropOff: 0 });
      expect(byIntegrationModel.embedded_specialist.conversion).toBe(0.6667); // A, B of A, B, C
      expect(byIntegrationModel.brokered_referral.conversion).toBe(0);
      expect(byTraining.trained).toMatchObject({ pathways: 2, conversion: 1 }); // the navigator's A and B
      expect(byTraining.untrained).toMatchObject({ pathways: 2, conversion: 0 });
      expect((await call('GET', '/casework/pathway-metrics', lw1.headers)).statusCode).toBe(403);
    }, 60_000);
  });

  it('documents the casework and partner routes in OpenAPI with their request bodies', async () => {
    const doc = (await stack.gateway.app.inject({ method: 'GET', url: '/api/docs-json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/casework/cases/{id}/transitions',
        '/api/v1/casework/cases/{id}/onward-referrals',
        '/api/v1/partner/referrals/{id}/status',
        '/api/v1/casework/pathway-metrics',
      ]),
    );
    expect(doc.components.schemas.TransitionRequest.properties.to.enum).toContain('closed');
  });

  describe('supervision and pairing', () => {
    it('records sessions (clearing the overdue flag) and pairs a new practitioner with an experienced one', async () => {
      // every link worker full: a general case waits in its queue until the newcomer brings capacity
      const lee = await call('PUT', `/casework/practitioners/${practitioners.lw1}`, manager, {
        accountId: lw1.id,
        name: 'Lee Worker',
        role: 'link_worker',
        hoursPerWeek: 37.5,
        caseloadCapacity: 0,
        startedOn: '2024-01-01',
      });
      expect(lee.json().load.overCapacity).toBe(true);
      const waiting = await openCase();
      expect((await call('GET', `/casework/cases/${waiting}`, manager)).json().practitionerId).toBeNull();
      expect(
        (await call('GET', '/casework/practitioners', manager)).json().queued.general,
      ).toBeGreaterThanOrEqual(1);
      const newcomer = await account(stack.gateway, 'link_worker');
      const response = await call('POST', '/casework/practitioners', manager, {
        accountId: newcomer.id,
        name: 'New Starter',
        role: 'link_worker',
        hoursPerWeek: 30,
        startedOn: new Date().toISOString().slice(0, 10),
      });
      const id = response.json().id;
      expect(response.json().isNew).toBe(true);
      expect(response.json().caseloadCapacity).toBe(40); // the hub profile's default (community centre preset)
      const drained = (await call('GET', `/casework/cases/${waiting}`, manager)).json();
      expect(drained.practitionerId).toBe(id);
      expect(drained.allocations.at(-1)).toMatchObject({ by: 'system', reason: 'from queue' });
      const paired = await call('POST', `/casework/practitioners/${id}/pairing`, manager, {});
      expect(paired.statusCode).toBe(200);
      expect([practitioners.lw1, practitioners.lw2]).toContain(paired.json().mentorId);
      const session = await call(
        'POST',
        `/casework/practitioners/${practitioners.lw2}/supervision-sessions`,
        manager,
        {
          supervisorId: practitioners.nav,
          at: new Date().toISOString(),
          casesDiscussed: [],
          actions: ['Reduce caseload to capacity'],
        },
      );
      expect(session.statusCode).toBe(201);
      const list = (await call('GET', '/casework/practitioners', manager)).json().practitioners;
      expect(list.find((p: { id: string }) => p.id === practitioners.lw2).supervision.overdue).toBe(false);
      expect(list.find((p: { id: string }) => p.id === practitioners.lw1).supervision.overdue).toBe(true);
    });
  });
});
