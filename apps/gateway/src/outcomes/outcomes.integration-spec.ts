import { randomBytes } from 'node:crypto';
import { StringCodec } from 'nats';
import { CASEWORK_CASE_CLOSED_V1, type EventMap, type EventSubject } from '@linkway/contracts';
import { spawnTs, testUrls, type TsChild, waitUntil } from '@linkway/testing';
import { uuidv7 } from '@linkway/util';
import type { TestAccount } from '../test-fixtures/gateway-test-app';
import {
  bearer,
  type IntakeStack,
  referralBody,
  startIntakeStack,
} from '../referrals/test-fixtures/intake-stack';

const sc = StringCodec();

/**
 * The real gateway (in-process), referral-intake, casework and outcomes (child processes) on a
 * private NATS over one hub database: casework decides who may work on which case, so the
 * outcomes routes are tried against cases casework really opened and allocated. Only a case's
 * closure is played by publishing casework's event (closing for real takes a whole plan).
 */
describe('outcomes through the gateway (gateway + intake + casework + outcomes on a private NATS)', () => {
  let stack: IntakeStack;
  let casework: TsChild;
  let outcomes: TsChild;
  let workerA: TestAccount;
  let workerB: TestAccount;
  let manager: string;
  let practitionerA: string;

  beforeAll(async () => {
    stack = await startIntakeStack('gw-outcomes', {});
    const env = {
      DATABASE_URL: stack.gateway.db.url,
      NATS_URL: stack.nats.url,
      REDIS_URL: testUrls().redis,
      REDIS_PREFIX: stack.gateway.env.REDIS_PREFIX ?? `test:${randomBytes(4).toString('hex')}`,
      HUB_ID: stack.gateway.hubId,
      PORT: '0',
    };
    [casework, outcomes] = await Promise.all([
      spawnTs('apps/casework/src/main.ts', { env, readyLine: /service started/, readyTimeoutMs: 30_000 }),
      spawnTs('apps/outcomes/src/main.ts', {
        env: { ...env, OUTCOMES_SNAPSHOT_EVERY_MS: '0' },
        readyLine: /service started/,
        readyTimeoutMs: 30_000,
      }),
    ]);
    manager = await stack.token('hub_manager');
    workerA = await stack.gateway.givenAccount('link_worker');
    workerB = await stack.gateway.givenAccount('link_worker');
    practitionerA = await practitioner(workerA, 'Ada Worker');
    await practitioner(workerB, 'Bea Worker');
  }, 120_000);

  afterAll(async () => {
    await outcomes?.stop();
    await casework?.stop();
    await stack?.close();
  });

  const publish = async <S extends EventSubject>(subject: S, payload: EventMap[S]) => {
    await stack.nc.jetstream().publish(subject, sc.encode(JSON.stringify(payload)), { msgID: uuidv7() });
  };
  const inject = async (
    method: 'GET' | 'POST',
    url: string,
    token: string,
    payload?: Record<string, unknown>,
  ) => stack.gateway.app.inject({ method, url, headers: bearer(token), payload });
  const audited = async (action: string, entityId: string) => {
    const { rows } = await stack.db.query(
      `SELECT actor_role FROM gateway.audit_log WHERE action = $1 AND entity_id = $2 ORDER BY at, id`,
      [action, entityId],
    );
    return rows.map((r) => r.actor_role);
  };
  const recordings = async (caseId: string) =>
    (await stack.db.query(`SELECT 1 FROM outcomes.outcome_record WHERE case_id = $1`, [caseId])).rowCount;

  async function practitioner(account: TestAccount, name: string): Promise<string> {
    const response = await inject('POST', '/api/v1/casework/practitioners', manager, {
      accountId: account.id,
      name,
      role: 'link_worker',
      hoursPerWeek: 37.5,
      caseloadCapacity: 20,
      startedOn: '2024-01-01',
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  }

  /**
   * A referral made by `referrerToken`, accepted by the hub manager, its case opened by casework,
   * allocated by hand to link worker A and known to outcomes.
   */
  async function givenCase(referrerToken: string) {
    const created = await inject('POST', '/api/v1/referrals', referrerToken, referralBody());
    expect(created.statusCode).toBe(201);
    const referral = created.json().referral as { id: string; personId: string };
    const triaged = await inject('POST', `/api/v1/referrals/${referral.id}/triage`, manager, {
      outcome: 'accept',
    });
    expect(triaged.statusCode).toBe(200);
    const caseId = await waitUntil(
      async () =>
        (
          await stack.db.query<{ id: string }>(`SELECT id FROM casework.person_case WHERE referral_id = $1`, [
            referral.id,
          ])
        ).rows[0]?.id,
      { timeoutMs: 15_000 },
    );
    const allocated = await inject('POST', `/api/v1/casework/cases/${caseId}/allocation`, manager, {
      practitionerId: practitionerA,
      reason: 'test: link worker A',
    });
    expect(allocated.statusCode).toBe(200);
    await waitUntil(
      async () =>
        (await stack.db.query(`SELECT 1 FROM outcomes.outcome_case WHERE case_id = $1`, [caseId])).rowCount,
      { timeoutMs: 15_000 },
    );
    return { caseId, referralId: referral.id, personId: referral.personId };
  }

  it('records measures (audited), refuses a bad item with 400 naming it, and shows the history to staff only', async () => {
    const opened = await givenCase(await stack.token('referrer'));
    const url = `/api/v1/outcomes/cases/${opened.caseId}/recordings`;
    const bad = await inject('POST', url, workerA.token, {
      timepoint: 'baseline',
      ons4: { lifeSatisfaction: 11 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual(
      expect.arrayContaining([
        {
          field: 'ons4.lifeSatisfaction',
          reason: 'Life satisfaction must be a whole number from 0 to 10; got 11',
        },
        { field: 'ons4.anxiety', reason: expect.stringContaining('missing') },
      ]),
    );
    const unknownField = await inject('POST', url, workerA.token, { timepoint: 'baseline', bmi: 22 });
    expect(unknownField.statusCode).toBe(400);
    const ok = await inject('POST', url, workerA.token, {
      timepoint: 'baseline',
      swemwbs: [3, 3, 3, 3, 3, 3, 3],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      personId: opened.personId,
      measures: [{ measure: 'swemwbs', score: 19.25 }],
    });
    expect(await audited('outcome.record', opened.caseId)).toEqual(['link_worker']);

    const history = await inject('GET', `/api/v1/outcomes/people/${opened.personId}`, workerA.token);
    expect(history.statusCode).toBe(200);
    expect(history.json().cases[0].measures.swemwbs[0]).toMatchObject({
      timepoint: 'baseline',
      score: 19.25,
    });
    expect(await audited('outcome.person.read', opened.personId)).toEqual(['link_worker']);
    const asReferrer = await inject(
      'GET',
      `/api/v1/outcomes/people/${opened.personId}`,
      await stack.token('referrer'),
    );
    expect(asReferrer.statusCode).toBe(403);
    expect(await audited('outcome.person.read', opened.personId)).toHaveLength(1);
  });

  it("holds a link worker to their own cases: B gets 404 (unaudited, nothing stored) for A's case and person, A and the hub manager 200", async () => {
    const opened = await givenCase(await stack.token('referrer'));
    const url = `/api/v1/outcomes/cases/${opened.caseId}/recordings`;
    const personUrl = `/api/v1/outcomes/people/${opened.personId}`;
    const body = { timepoint: 'baseline', swemwbs: [2, 3, 3, 3, 3, 3, 3] };

    const byB = await inject('POST', url, workerB.token, body);
    expect(byB.statusCode).toBe(404);
    expect(byB.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: expect.stringContaining(opened.caseId),
      details: [],
    });
    expect(await recordings(opened.caseId)).toBe(0);
    expect(await audited('outcome.record', opened.caseId)).toEqual([]);

    expect((await inject('POST', url, workerA.token, body)).statusCode).toBe(201);
    expect((await inject('POST', url, manager, { ...body, timepoint: 'baseline' })).statusCode).toBe(201);
    expect(await audited('outcome.record', opened.caseId)).toEqual(['link_worker', 'hub_manager']);

    const historyByB = await inject('GET', personUrl, workerB.token);
    expect(historyByB.statusCode).toBe(404);
    expect(historyByB.json()).toMatchObject({ statusCode: 404, error: 'Not Found', details: [] });
    expect(JSON.stringify(historyByB.json())).not.toContain('swemwbs');
    expect(await audited('outcome.person.read', opened.personId)).toEqual([]);

    for (const token of [workerA.token, manager]) {
      const history = await inject('GET', personUrl, token);
      expect(history.statusCode).toBe(200);
      expect(history.json().cases).toEqual([
        expect.objectContaining({ caseId: opened.caseId, measures: { swemwbs: [expect.any(Object)] } }),
      ]);
    }
    expect(await audited('outcome.person.read', opened.personId)).toEqual(['link_worker', 'hub_manager']);
  });

  it('gives the GP message to the referrer who referred and the case’s own link worker (audited), 404 to others', async () => {
    const mine = await stack.gateway.givenAccount('referrer');
    const other = await stack.gateway.givenAccount('referrer');
    const opened = await givenCase(mine.token);
    const now = new Date().toISOString();
    await publish(CASEWORK_CASE_CLOSED_V1, {
      ...opened,
      hubId: stack.gateway.hubId,
      practitionerId: practitionerA,
      referrerType: 'gp_practice',
      needs: ['isolation'],
      integrationModel: 'none',
      closureReason: 'completed',
      archetype: 'community_centre',
      openedAt: now,
      firstContactAt: now,
      planAgreedAt: null,
      contactsAttended: 5,
      contactsDidNotAttend: 1,
      onwardServiceIds: [],
      onwardCompletedServiceIds: [],
      interventionDelivered: false,
      closedAt: now,
      occurredAt: now,
    });
    const url = `/api/v1/outcomes/gp-messages/${opened.referralId}`;
    const response = await waitUntil(async () => {
      const r = await inject('GET', url, mine.token);
      return r.statusCode === 200 ? r : null;
    });
    expect(response.json().document).toMatchObject({
      resourceType: 'Bundle',
      type: 'document',
      entry: [
        { resource: { resourceType: 'Composition', type: { coding: [{ code: '871731000000106' }] } } },
        {},
        {},
      ],
    });
    expect(await audited('outcome.gp_message.read', opened.referralId)).toEqual(['referrer']);
    expect((await inject('GET', url, other.token)).statusCode).toBe(404);
    expect((await inject('GET', url, workerB.token)).statusCode).toBe(404);
    expect((await inject('GET', url, workerA.token)).statusCode).toBe(200);
    expect((await inject('GET', url, manager)).statusCode).toBe(200);
    expect(await audited('outcome.gp_message.read', opened.referralId)).toEqual([
      'referrer',
      'link_worker',
      'hub_manager',
    ]);
  });

  it('serves the dashboard to hub managers only', async () => {
    const asManager = await inject('GET', '/api/v1/outcomes/dashboard?need=isolation', manager);
    expect(asManager.statusCode).toBe(200);
    expect(asManager.json()).toMatchObject({
      filters: { need: 'isolation', followUp: 'end_of_support' },
      pathway: { casesOpened: expect.any(Number) },
    });
    expect(asManager.json().pathway.referralsReceived).toBeGreaterThanOrEqual(2);
    const worker = await inject('GET', '/api/v1/outcomes/dashboard', workerA.token);
    expect(worker.statusCode).toBe(403);
  });
});
