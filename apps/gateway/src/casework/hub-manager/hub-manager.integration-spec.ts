import { randomUUID } from 'node:crypto';
import { DIRECTORY_ORGANIZATION_SAVE_V1, DIRECTORY_SERVICE_SAVE_V1 } from '@linkway/contracts';
import { spawnTs, type TsChild } from '@linkway/testing';
import {
  account,
  acceptedReferral,
  caseOf,
  type CaseworkStack,
  publishAccepted,
  startCaseworkStack,
} from '../test-fixtures/casework-stack';

type Headers = Record<string, string>;
const DAY_MS = 86_400_000;
const NUDGE_DAYS = 3;

/**
 * The hub manager's allocation queue and partner responsiveness through the gateway: real
 * casework, partner-directory and referral-intake services on a private NATS, one Postgres.
 * Onward referrals are written with back-dated times (the API stamps "now"), so every figure
 * of the aggregate below is worked out by hand.
 */
describe('hub manager: allocation queue and partner responsiveness', () => {
  let stack: CaseworkStack;
  let intake: TsChild;
  let manager: Headers;
  let worker: { id: string; headers: Headers };
  let practitionerId: string;
  let serviceId: string;
  let orgId: string;

  const call = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: unknown) =>
    stack.gateway.app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      payload: payload as Record<string, unknown>,
    });

  /** An onward referral sent `sentDaysAgo`, first answered `answeredAfterDays` later (or never). */
  const onward = async (
    caseId: string,
    directoryServiceId: string,
    status: string,
    sentDaysAgo: number,
    answeredAfterDays: number | null,
  ) => {
    const sentAt = new Date(Date.now() - sentDaysAgo * DAY_MS);
    const answeredAt =
      answeredAfterDays === null ? null : new Date(sentAt.getTime() + answeredAfterDays * DAY_MS);
    await stack.db.query(
      `INSERT INTO casework.onward_referral (id, case_id, idempotency_key, directory_service_id, service_name,
         partner_organisation_id, status, consent_checked_at, sent_at, first_answer_at, created_by, updated_at)
       VALUES ($1, $2, $3, $4, 'Befriending (as sent)', $5, $6, $7, $7, $8, 'test', now())`,
      [randomUUID(), caseId, `test:${randomUUID()}`, directoryServiceId, orgId, status, sentAt, answeredAt],
    );
  };

  beforeAll(async () => {
    stack = await startCaseworkStack('gw-hub-manager', {
      CASEWORK_CHASER_NUDGE_AFTER_SECONDS: String(NUDGE_DAYS * 86_400),
    });
    const env = stack.caseworkEnv;
    intake = await spawnTs('apps/referral-intake/src/main.ts', {
      env: {
        DATABASE_URL: env.DATABASE_URL,
        NATS_URL: env.NATS_URL,
        REDIS_URL: env.REDIS_URL,
        REDIS_PREFIX: env.REDIS_PREFIX,
        HUB_ID: env.HUB_ID,
        PORT: '0',
        LOG_LEVEL: 'log',
      },
      readyLine: /service started/,
      readyTimeoutMs: 30_000,
    });
    orgId = (
      await stack.requests.request(DIRECTORY_ORGANIZATION_SAVE_V1, {
        name: 'Leeds Befrienders',
        description: 'Befriending partner',
      })
    ).id;
    serviceId = (
      await stack.requests.request(DIRECTORY_SERVICE_SAVE_V1, {
        service: {
          organizationId: orgId,
          name: 'Befriending',
          status: 'active',
          referral: { route: 'in_platform', contacts: [{ name: 'Sam Lee', role: 'Coordinator' }] },
          capacity: { accepting: 'yes', maxNewPerWeek: 5 },
        },
      })
    ).service.id;
    manager = (await account(stack.gateway, 'hub_manager')).headers;
    worker = await account(stack.gateway, 'link_worker');
    const created = await call('POST', '/casework/practitioners', manager, {
      accountId: worker.id,
      name: 'Lee Worker',
      role: 'link_worker',
      hoursPerWeek: 37.5,
      caseloadCapacity: 10,
      startedOn: '2024-01-01',
    });
    expect(created.statusCode).toBe(201);
    practitionerId = created.json().id;
  }, 120_000);

  afterAll(async () => {
    await intake?.stop();
    await stack?.close();
  });

  describe('allocation queue', () => {
    it('lists waiting cases oldest first, lets the manager allocate one, and drops it from the queue', async () => {
      // safeguarding goes to the hub manager queue, never auto-allocated; no navigator exists for the specialist queue
      const safeguarding = await (async () => {
        const event = acceptedReferral({ queue: 'hub_manager', safeguarding: true, needs: ['money_debt'] });
        await publishAccepted(stack, event);
        return caseOf(stack, event.referralId);
      })();
      const specialist = await (async () => {
        const event = acceptedReferral({
          queue: 'specialist_navigator',
          integrationModel: 'embedded_specialist',
          needs: ['housing_home_environment'],
        });
        await publishAccepted(stack, event);
        return caseOf(stack, event.referralId);
      })();
      const allocated = await (async () => {
        const event = acceptedReferral();
        await publishAccepted(stack, event);
        return caseOf(stack, event.referralId);
      })();

      const listed = await call('GET', '/casework/allocation-queue', manager);
      expect(listed.statusCode).toBe(200);
      const cases = listed.json().cases as Array<Record<string, unknown>>;
      expect(cases.map((c) => c.id)).toEqual([safeguarding, specialist]);
      expect(cases[0]).toMatchObject({
        queue: 'hub_manager',
        safeguarding: true,
        needs: ['money_debt'],
        integrationModel: 'universal_screening',
        person: null, // intake never saw these people: the events stood in for it
      });
      expect(cases[1]).toMatchObject({ queue: 'specialist_navigator', safeguarding: false });
      expect(cases.some((c) => c.id === allocated)).toBe(false);

      const filtered = await call('GET', '/casework/allocation-queue?queue=specialist_navigator', manager);
      expect(filtered.json().cases.map((c: { id: string }) => c.id)).toEqual([specialist]);
      const bad = await call('GET', '/casework/allocation-queue?queue=nobody', manager);
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toContain('queue');
      expect((await call('GET', '/casework/allocation-queue', worker.headers)).statusCode).toBe(403);

      const { rows: audit } = await stack.db.query(
        `SELECT count(*)::int AS n FROM gateway.audit_log WHERE action = 'allocation_queue.read'`,
      );
      expect(audit[0].n).toBeGreaterThanOrEqual(2);

      const done = await call('POST', `/casework/cases/${safeguarding}/allocation`, manager, {
        practitionerId,
        reason: 'Reviewed the safeguarding concern; Lee knows the family',
      });
      expect(done.statusCode).toBe(200);
      const after = await call('GET', '/casework/allocation-queue', manager);
      expect(after.json().cases.map((c: { id: string }) => c.id)).toEqual([specialist]);
    });
  });

  describe('partner responsiveness', () => {
    it('counts answers, answers within the nudge window, declines, waiting and expired per service, with capacity', async () => {
      const event = acceptedReferral();
      await publishAccepted(stack, event);
      const caseId = await caseOf(stack, event.referralId);
      const goneServiceId = randomUUID(); // a service that has left the directory since
      await onward(caseId, serviceId, 'completed', 10, 1); // answered in 1 day
      await onward(caseId, serviceId, 'declined', 10, 2); // declined in 2 days
      await onward(caseId, serviceId, 'started', 20, 5); // answered, but after the 3-day nudge
      await onward(caseId, serviceId, 'expired', 20, null); // never answered
      await onward(caseId, serviceId, 'sent', 1, null); // still inside its nudge window: not due yet
      await onward(caseId, serviceId, 'cancelled', 8, null); // withdrawn by the hub: out of the rates
      await onward(caseId, serviceId, 'accepted', 200, 1); // outside a 90-day window
      await onward(caseId, goneServiceId, 'sent', 5, null); // due and unanswered

      const response = await call('GET', '/casework/partner-responsiveness', manager);
      expect(response.statusCode).toBe(200);
      const report = response.json();
      expect(report).toMatchObject({ days: 90, nudgeAfterDays: NUDGE_DAYS });
      const byId = new Map(
        (report.services as Array<{ directoryServiceId: string }>).map((s) => [s.directoryServiceId, s]),
      );
      expect(byId.get(serviceId)).toEqual({
        partnerOrganisationId: orgId,
        directoryServiceId: serviceId,
        organisationName: 'Leeds Befrienders',
        serviceName: 'Befriending',
        sent: 6,
        answered: 3,
        answeredWithinNudge: 2,
        declined: 1,
        waiting: 1,
        expired: 1,
        cancelledUnanswered: 1,
        medianDaysToFirstAnswer: 2,
        // due: the 3 answered and the expired one
        answeredWithinNudgeRate: 0.5,
        declinedRate: 0.3333,
        capacity: {
          status: 'active',
          accepting: 'yes',
          placesLeft: 5,
          maxNewPerWeek: 5,
          waitingTimeDays: null,
          available: true,
        },
      });
      expect(byId.get(goneServiceId)).toMatchObject({
        serviceName: 'Befriending (as sent)',
        organisationName: null,
        capacity: null,
        sent: 1,
        answered: 0,
        waiting: 1,
        medianDaysToFirstAnswer: null,
        answeredWithinNudgeRate: 0,
        declinedRate: null,
      });

      const year = await call('GET', '/casework/partner-responsiveness?days=365', manager);
      expect(
        (year.json().services as Array<{ directoryServiceId: string; sent: number }>).find(
          (s) => s.directoryServiceId === serviceId,
        )?.sent,
      ).toBe(7);
    });

    it('is for hub managers only and names a bad window', async () => {
      expect((await call('GET', '/casework/partner-responsiveness', worker.headers)).statusCode).toBe(403);
      const bad = await call('GET', '/casework/partner-responsiveness?days=0', manager);
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toContain('days');
    });
  });
});
