import { randomUUID } from 'node:crypto';
import type { Subscription } from 'nats';
import {
  DIRECTORY_ORGANIZATION_SAVE_V1,
  DIRECTORY_SERVICE_SAVE_V1,
  OUTCOMES_DUE_LIST_V1,
} from '@linkway/contracts';
import { spawnTs, type TsChild, waitUntil } from '@linkway/testing';
import {
  account,
  acceptedReferral,
  caseOf,
  type CaseworkStack,
  publishAccepted,
  startCaseworkStack,
} from '../casework/test-fixtures/casework-stack';

type Headers = Record<string, string>;

interface CaseloadRow {
  id: string;
  partnerReplied: boolean;
  outcomeDue: { timepoint: string; overdue: boolean } | null;
}

/**
 * GET /api/v1/caseload's flags through the real services: the gateway in-process, casework,
 * partner-directory, referral-intake and outcomes as child processes on a private NATS over one
 * hub database. "Partner replied" comes from casework's list, "outcome due" from one
 * outcomes.due.list.v1 request per page.
 */
describe('caseload flags: partner replied and outcome due (gateway + casework + intake + outcomes)', () => {
  let stack: CaseworkStack;
  let intake: TsChild;
  let outcomes: TsChild;
  let manager: Headers;
  let partner: Headers;
  let lw1: { id: string; headers: Headers };
  let lw2: { id: string; headers: Headers };
  let practitioners: { lw1: string; lw2: string };
  let serviceId: string;
  const dueRequests: string[][] = [];
  let dueWatch: Subscription;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: unknown) =>
    stack.gateway.app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      payload: payload as Record<string, unknown>,
    });
  const caseload = async (headers: Headers) => {
    const response = await call('GET', '/caseload', headers);
    expect(response.statusCode).toBe(200);
    return response.json() as { outcomeDueKnown: boolean; cases: CaseloadRow[] };
  };
  const rowOf = async (headers: Headers, caseId: string) =>
    (await caseload(headers)).cases.find((c) => c.id === caseId);
  const openCase = async () => {
    const event = acceptedReferral();
    await publishAccepted(stack, event);
    return caseOf(stack, event.referralId);
  };
  const practitioner = async (accountId: string, name: string) => {
    const response = await call('POST', '/casework/practitioners', manager, {
      accountId,
      name,
      role: 'link_worker',
      hoursPerWeek: 37.5,
      caseloadCapacity: 10,
      startedOn: '2024-01-01',
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  const answer = async (onwardId: string, status: string) =>
    expect(
      (await call('POST', `/partner/referrals/${onwardId}/status`, partner, { status })).statusCode,
    ).toBe(200);

  beforeAll(async () => {
    stack = await startCaseworkStack('gw-caseload-flags', {});
    const env = { ...stack.caseworkEnv, PORT: '0' };
    [intake, outcomes] = await Promise.all([
      spawnTs('apps/referral-intake/src/main.ts', {
        env,
        readyLine: /service started/,
        readyTimeoutMs: 30_000,
      }),
      spawnTs('apps/outcomes/src/main.ts', {
        env: { ...env, OUTCOMES_SNAPSHOT_EVERY_MS: '0' },
        readyLine: /service started/,
        readyTimeoutMs: 30_000,
      }),
    ]);
    // every request on the subject is seen here too (a plain subscription beside the service's queue group)
    dueWatch = stack.nc.subscribe(OUTCOMES_DUE_LIST_V1, {
      callback: (_, msg) => dueRequests.push((msg.json() as { data: { caseIds: string[] } }).data.caseIds),
    });
    const org = await stack.requests.request(DIRECTORY_ORGANIZATION_SAVE_V1, {
      name: 'Leeds Walking Friends',
      description: 'Walking groups',
    });
    const saved = await stack.requests.request(DIRECTORY_SERVICE_SAVE_V1, {
      service: {
        organizationId: org.id,
        name: 'Tuesday walks',
        status: 'active',
        referral: { route: 'in_platform', contacts: [{ name: 'Sam Lee', role: 'Organiser' }] },
        capacity: { accepting: 'yes', maxNewPerWeek: 50 },
      },
    });
    serviceId = saved.service.id;
    manager = (await account(stack.gateway, 'hub_manager')).headers;
    partner = (await account(stack.gateway, 'partner', org.id)).headers;
    [lw1, lw2] = await Promise.all([
      account(stack.gateway, 'link_worker'),
      account(stack.gateway, 'link_worker'),
    ]);
    practitioners = {
      lw1: await practitioner(lw1.id, 'Lee Worker'),
      lw2: await practitioner(lw2.id, 'Lou Worker'),
    };
  }, 120_000);

  afterAll(async () => {
    dueWatch?.unsubscribe();
    await Promise.all([intake?.stop(), outcomes?.stop()]);
    await stack?.close();
  });

  it('shows "partner replied" after a partner answers, until the practitioner opens the case (not a hub manager)', async () => {
    const caseId = await openCase();
    await call('POST', `/casework/cases/${caseId}/allocation`, manager, {
      practitionerId: practitioners.lw1,
      reason: 'test',
    });
    const plan = await call('PUT', `/casework/cases/${caseId}/plan`, lw1.headers, {
      goals: [
        { goal: 'Walk weekly', whyItMatters: 'company', steps: [], whoHelps: [], status: 'in_progress' },
      ],
      agreedDate: '2026-11-01',
    });
    expect(plan.statusCode).toBe(200);
    const sent = await call(
      'POST',
      `/casework/cases/${caseId}/onward-referrals`,
      { ...lw1.headers, 'idempotency-key': randomUUID() },
      { directoryServiceId: serviceId, consentToShare: true },
    );
    expect(sent.statusCode).toBe(201);
    const onwardId = sent.json().id as string;
    expect((await rowOf(lw1.headers, caseId))?.partnerReplied).toBe(false); // sending is not an answer

    await answer(onwardId, 'accepted');
    expect((await rowOf(lw1.headers, caseId))?.partnerReplied).toBe(true);
    const listed = (await call('GET', '/casework/cases', lw1.headers)).json().cases as CaseloadRow[];
    expect(listed.find((c) => c.id === caseId)?.partnerReplied).toBe(true);

    expect((await call('GET', `/casework/cases/${caseId}`, manager)).statusCode).toBe(200);
    expect((await rowOf(lw1.headers, caseId))?.partnerReplied).toBe(true);

    const opened = await call('GET', `/casework/cases/${caseId}`, lw1.headers);
    expect(opened.json().partnerReplied).toBe(false);
    expect((await rowOf(lw1.headers, caseId))?.partnerReplied).toBe(false);

    await answer(onwardId, 'started');
    expect((await rowOf(lw1.headers, caseId))?.partnerReplied).toBe(true);
    expect((await call('GET', `/casework/cases/${caseId}`, lw1.headers)).json().partnerReplied).toBe(false);

    // reallocated: the new practitioner has not seen the partner's answers
    await call('POST', `/casework/cases/${caseId}/allocation`, manager, {
      practitionerId: practitioners.lw2,
      reason: 'cover',
    });
    expect((await rowOf(lw2.headers, caseId))?.partnerReplied).toBe(true);
  });

  it('shows "outcome due" from first contact until the baseline is recorded, asking outcomes once per page', async () => {
    const caseIds = [await openCase(), await openCase(), await openCase()];
    for (const caseId of caseIds)
      await call('POST', `/casework/cases/${caseId}/allocation`, manager, {
        practitionerId: practitioners.lw1,
        reason: 'test',
      });
    const [met, notMet] = caseIds;
    const contact = await call('POST', `/casework/cases/${met}/contacts`, lw1.headers, {
      at: new Date().toISOString(),
      mode: 'phone',
      durationMinutes: 20,
    });
    expect(contact.statusCode).toBe(201);
    // casework's event reaches outcomes through JetStream, which then schedules the baseline
    await waitUntil(async () => (await rowOf(lw1.headers, met))?.outcomeDue?.timepoint === 'baseline', {
      timeoutMs: 15_000,
    });

    dueRequests.length = 0;
    const page = await caseload(lw1.headers);
    expect(page.outcomeDueKnown).toBe(true);
    expect(page.cases.find((c) => c.id === met)?.outcomeDue).toMatchObject({
      timepoint: 'baseline',
      overdue: false,
    });
    expect(page.cases.find((c) => c.id === notMet)?.outcomeDue).toBeNull();
    await waitUntil(() => dueRequests.length > 0);
    expect(dueRequests).toHaveLength(1);
    expect([...dueRequests[0]].sort()).toEqual(page.cases.map((c) => c.id).sort());

    const recorded = await call('POST', `/outcomes/cases/${met}/recordings`, lw1.headers, {
      timepoint: 'baseline',
      ons4: { lifeSatisfaction: 4, worthwhile: 5, happiness: 4, anxiety: 7 },
    });
    expect(recorded.statusCode).toBe(201);
    expect((await rowOf(lw1.headers, met))?.outcomeDue).toBeNull();
  }, 30_000);

  it('still lists the caseload when outcomes does not answer, saying the flag is unknown', async () => {
    await outcomes.stop();
    const page = await caseload(lw1.headers);
    expect(page.outcomeDueKnown).toBe(false);
    expect(page.cases.length).toBeGreaterThan(0);
    expect(page.cases.every((c) => c.outcomeDue === null)).toBe(true);
  });
});
