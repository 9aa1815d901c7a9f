import { randomBytes } from 'node:crypto';
import { StringCodec } from 'nats';
import {
  CASEWORK_CASE_CLOSED_V1,
  CASEWORK_CASE_OPENED_V1,
  CASEWORK_CONTACT_RECORDED_V1,
  type EventMap,
  type EventSubject,
} from '@linkway/contracts';
import { spawnTs, testUrls, type TsChild, waitUntil } from '@linkway/testing';
import { uuidv7 } from '@linkway/util';
import {
  bearer,
  type IntakeStack,
  referralBody,
  startIntakeStack,
} from '../referrals/test-fixtures/intake-stack';

const sc = StringCodec();

/**
 * The real gateway (in-process), referral-intake and outcomes (child processes) on a private
 * NATS over one hub database. Casework is played by publishing its events to JetStream.
 */
describe('outcomes through the gateway (gateway + intake + outcomes on a private NATS)', () => {
  let stack: IntakeStack;
  let outcomes: TsChild;

  beforeAll(async () => {
    stack = await startIntakeStack('gw-outcomes', {});
    outcomes = await spawnTs('apps/outcomes/src/main.ts', {
      env: {
        DATABASE_URL: stack.gateway.db.url,
        NATS_URL: stack.nats.url,
        REDIS_URL: testUrls().redis,
        REDIS_PREFIX: stack.gateway.env.REDIS_PREFIX ?? `test:${randomBytes(4).toString('hex')}`,
        HUB_ID: stack.gateway.hubId,
        PORT: '0',
        OUTCOMES_SNAPSHOT_EVERY_MS: '0',
      },
      readyLine: /service started/,
      readyTimeoutMs: 30_000,
    });
  }, 90_000);

  afterAll(async () => {
    await outcomes?.stop();
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
      `SELECT actor_role FROM gateway.audit_log WHERE action = $1 AND entity_id = $2`,
      [action, entityId],
    );
    return rows.map((r) => r.actor_role);
  };

  /** A referral made by `referrerToken` through intake, and its case opened and first contact made by "casework". */
  async function givenCase(referrerToken: string) {
    const created = await inject('POST', '/api/v1/referrals', referrerToken, referralBody());
    expect(created.statusCode).toBe(201);
    const { referral } = created.json();
    const caseId = uuidv7();
    const practitionerId = uuidv7();
    const now = new Date().toISOString();
    const opened = {
      caseId,
      referralId: referral.id as string,
      personId: referral.personId as string,
      hubId: stack.gateway.hubId,
      queue: 'general' as const,
      practitionerId,
      referrerType: 'gp_practice',
      needs: ['isolation'],
      integrationModel: 'none',
      homeScreen: [],
      safeguarding: false,
      occurredAt: now,
    };
    await publish(CASEWORK_CASE_OPENED_V1, opened);
    await publish(CASEWORK_CONTACT_RECORDED_V1, {
      contactId: uuidv7(),
      caseId,
      personId: opened.personId,
      hubId: opened.hubId,
      practitionerId,
      at: now,
      mode: 'home_visit',
      durationMinutes: 45,
      didNotAttend: false,
      attendedCount: 1,
      occurredAt: now,
    });
    await waitUntil(
      async () =>
        (await stack.db.query(`SELECT 1 FROM outcomes.outcome_due WHERE case_id = $1`, [caseId])).rowCount,
    );
    return opened;
  }

  it('records measures (audited), refuses a bad item with 400 naming it, and shows the history to staff only', async () => {
    const linkWorker = await stack.token('link_worker');
    const opened = await givenCase(await stack.token('referrer'));
    const url = `/api/v1/outcomes/cases/${opened.caseId}/recordings`;
    const bad = await inject('POST', url, linkWorker, {
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
    const unknownField = await inject('POST', url, linkWorker, { timepoint: 'baseline', bmi: 22 });
    expect(unknownField.statusCode).toBe(400);
    const ok = await inject('POST', url, linkWorker, {
      timepoint: 'baseline',
      swemwbs: [3, 3, 3, 3, 3, 3, 3],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      personId: opened.personId,
      measures: [{ measure: 'swemwbs', score: 19.25 }],
    });
    expect(await audited('outcome.record', opened.caseId)).toEqual(['link_worker']);

    const history = await inject('GET', `/api/v1/outcomes/people/${opened.personId}`, linkWorker);
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

  it('gives the GP message to the referrer who referred (audited), 404 to another referrer', async () => {
    const mine = await stack.gateway.givenAccount('referrer');
    const other = await stack.gateway.givenAccount('referrer');
    const opened = await givenCase(mine.token);
    const now = new Date().toISOString();
    await publish(CASEWORK_CASE_CLOSED_V1, {
      ...opened,
      closureReason: 'completed',
      archetype: 'community_centre',
      openedAt: opened.occurredAt,
      firstContactAt: opened.occurredAt,
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
    expect((await inject('GET', url, await stack.token('link_worker'))).statusCode).toBe(200);
  });

  it('serves the dashboard to hub managers only', async () => {
    const manager = await inject(
      'GET',
      '/api/v1/outcomes/dashboard?need=isolation',
      await stack.token('hub_manager'),
    );
    expect(manager.statusCode).toBe(200);
    expect(manager.json()).toMatchObject({
      filters: { need: 'isolation', followUp: 'end_of_support' },
      pathway: { casesOpened: expect.any(Number) },
    });
    expect(manager.json().pathway.referralsReceived).toBeGreaterThanOrEqual(2);
    const worker = await inject('GET', '/api/v1/outcomes/dashboard', await stack.token('link_worker'));
    expect(worker.statusCode).toBe(403);
  });
});
