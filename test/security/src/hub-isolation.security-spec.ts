/**
 * Two hubs, each with its own database, NATS server, gateway, referral-intake, casework,
 * outcomes and partner-directory (the same code, a different HUB_ID and, deliberately, the SAME
 * JWT secret: a leaked or reused secret must still not let hub A's token open hub B). Each hub
 * is seeded through its gateway with referrals that became allocated cases carrying a contact,
 * what matters, a plan, an ONS4 baseline, an onward referral answered by the partner and a
 * home-environment pathway step; one case is closed so its message back to the GP exists.
 * Properties are generated with fast-check and every combination tried is counted and printed.
 *   (8) cross-hub access   (9) mass assignment and schema fuzz   (10) audit completeness
 *   (11) auth: expired, tampered, wrong-hub tokens, login rate limit, passwords never logged
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the e2e harness is shared by path, not a library
import {
  allLogFiles,
  type ApiAnswer,
  DEMO_PASSWORD,
  type Hub,
  ROLES,
  type Role,
  startHub,
  type OwnedServer,
  type PostgresCluster,
  startNats,
  startPostgresCluster,
  startRedis,
  referralBody,
  runSalt,
  recordFigure,
  until,
} from '../../harness';

const LOGIN_LIMIT = 15;

/** Every identifier and free text a hub holds about its people: none may reach the other hub. */
interface Seeded {
  referralIds: string[];
  nhsNumbers: string[];
  familyNames: string[];
  accountIds: string[];
  caseIds: string[];
  personIds: string[];
  onwardReferralIds: string[];
  practitionerIds: string[];
  directoryServiceIds: string[];
  /** Unique markers written into contact notes, what matters, plan goals and partner notes. */
  texts: string[];
  /** The closed case's referral: its message back to the GP exists. */
  closedReferralId: string;
}

/** A home-environment hub: a positive home screen opens a pathway the hub's link workers navigate. */
const HUB_PROFILE = 'home_environment_universal_screening';

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const decode = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
const sign = (
  claims: Record<string, unknown>,
  secret: string,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
) => {
  const head = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
};

/** No answer may carry another hub's identifiers (an error may echo the ids the caller sent). */
const leaks = (answer: ApiAnswer, seeded: Seeded, sent: string) =>
  Object.values(seeded)
    .flat()
    .filter((v) => !sent.includes(v))
    .filter((v) => answer.text.includes(v));

describe('hub isolation and input safety', () => {
  let pg: PostgresCluster;
  let redis: OwnedServer;
  const natsServers: OwnedServer[] = [];
  let a: Hub;
  let b: Hub;
  const tokens = new Map<string, string>();
  const seeded: Record<string, Seeded> = {};
  const salt = runSalt();

  const token = async (hub: Hub, role: Role) => {
    const key = `${hub.hubId}:${role}`;
    const cached = tokens.get(key);
    if (cached) return cached;
    const fresh = await hub.token(role);
    tokens.set(key, fresh);
    return fresh;
  };

  /**
   * Seeds a hub through its own gateway, as its staff would: a practitioner, a partner
   * organisation with a service its partner account answers for, five referrals with a positive
   * home screen accepted into allocated cases, and on each case a contact, what matters, a plan,
   * an ONS4 baseline, an onward referral and the first pathway step. The last case is closed.
   */
  const seed = async (hub: Hub, offset: number): Promise<Seeded> => {
    const out: Seeded = {
      referralIds: [],
      nhsNumbers: [],
      familyNames: [],
      accountIds: [],
      caseIds: [],
      personIds: [],
      onwardReferralIds: [],
      practitionerIds: [],
      directoryServiceIds: [],
      texts: [],
      closedReferralId: '',
    };
    const [referrer, worker, manager, partner, admin] = await Promise.all(
      (['referrer', 'link_worker', 'hub_manager', 'partner', 'admin'] as const).map((r) => token(hub, r)),
    );
    const call = async <T>(t: string, method: string, path: string, body?: unknown): Promise<T> => {
      const answer = await hub.api(method, `/api/v1${path}`, { token: t, body });
      if (answer.status !== 200 && answer.status !== 201)
        throw new Error(`seeding ${hub.hubId}: ${method} ${path} → ${answer.status} ${answer.text}`);
      return answer.body as T;
    };
    const marker = (what: string) => {
      const text = `${what}-${hub.hubId}-${randomUUID().slice(0, 8)}`;
      out.texts.push(text);
      return text;
    };

    const accounts = await call<{ items: { id: string; role: Role }[] }>(
      admin,
      'GET',
      '/accounts?perPage=50',
    );
    out.accountIds = accounts.items.map((x) => x.id);
    const accountOf = (role: Role) => {
      const found = accounts.items.find((x) => x.role === role);
      if (!found) throw new Error(`seeding ${hub.hubId}: no ${role} account`);
      return found.id;
    };
    const practitioner = await call<{ id: string }>(manager, 'POST', '/casework/practitioners', {
      accountId: accountOf('link_worker'),
      name: 'Security suite link worker',
      role: 'link_worker',
      hoursPerWeek: 37.5,
      caseloadCapacity: 40,
      startedOn: '2025-01-06',
    });
    out.practitionerIds.push(practitioner.id);
    const organisation = await call<{ id: string }>(manager, 'POST', '/directory/organizations', {
      name: `Partner of ${hub.hubId}`,
      description: 'security suite',
    });
    const service = await call<{ id: string }>(manager, 'POST', '/directory/services', {
      organizationId: organisation.id,
      name: `Walking group of ${hub.hubId}`,
      status: 'active',
      referral: { route: 'in_platform' },
      capacity: { accepting: 'yes' },
    });
    out.directoryServiceIds.push(service.id);
    await call(admin, 'PATCH', `/accounts/${accountOf('partner')}`, {
      partnerOrganisationId: organisation.id,
    });

    for (let i = 0; i < 5; i++) {
      const body = referralBody(offset + i, salt, { homeScreen: ['cold_or_damp'] });
      const { referral } = await call<{ referral: { id: string; status: string } }>(
        referrer,
        'POST',
        '/referrals',
        body,
      );
      if (referral.status !== 'accepted')
        await call(manager, 'POST', `/referrals/${referral.id}/triage`, {
          outcome: 'accept',
          queue: 'general',
        });
      out.referralIds.push(referral.id);
      out.nhsNumbers.push(body.person.nhsNumber);
      out.familyNames.push(body.person.familyName);
    }
    type CaseRow = { id: string; referralId: string; personId: string; practitionerId: string | null };
    let cases: CaseRow[] = [];
    await until(
      `${hub.hubId}: every accepted referral is an allocated case`,
      async () => {
        const list = await call<{ cases: CaseRow[] }>(manager, 'GET', '/casework/cases');
        // in referral order, so the last case is the last referral's
        cases = out.referralIds.flatMap((r) => list.cases.filter((c) => c.referralId === r));
        return (
          cases.length === out.referralIds.length && cases.every((c) => c.practitionerId === practitioner.id)
        );
      },
      90_000,
      250,
    );
    out.caseIds = cases.map((c) => c.id);
    out.personIds = [...new Set(cases.map((c) => c.personId))];

    for (const kase of cases) {
      const path = `/casework/cases/${kase.id}`;
      await call(worker, 'POST', `${path}/contacts`, {
        at: new Date().toISOString(),
        mode: 'phone',
        durationMinutes: 20,
        notes: marker('contact-note'),
      });
      await call(worker, 'PUT', `${path}/what-matters`, {
        whatMatters: marker('what-matters'),
        strengths: 'Knows the neighbours',
        concerns: 'Cold flat',
      });
      await call(worker, 'PUT', `${path}/plan`, {
        goals: [
          {
            goal: marker('goal'),
            whyItMatters: 'to meet people',
            steps: [],
            whoHelps: [],
            status: 'not_started',
          },
        ],
      });
      // outcomes learns of the case from casework's event: 404 until its read model has it
      await until(
        `${hub.hubId}: outcomes knows case ${kase.id}`,
        async () =>
          (
            await hub.api('POST', `/api/v1/outcomes/cases/${kase.id}/recordings`, {
              token: worker,
              body: {
                timepoint: 'baseline',
                ons4: { lifeSatisfaction: 4, worthwhile: 5, happiness: 6, anxiety: 3 },
              },
            })
          ).status === 201,
        60_000,
        250,
      );
      const onward = await call<{ id: string }>(worker, 'POST', `${path}/onward-referrals`, {
        directoryServiceId: service.id,
        consentToShare: true,
      });
      out.onwardReferralIds.push(onward.id);
      await call(worker, 'POST', `${path}/pathway/steps`, { step: 'eligibility_check' });
    }
    await call(partner, 'POST', `/partner/referrals/${out.onwardReferralIds[0]}/status`, {
      status: 'accepted',
      note: marker('partner-note'),
    });
    const closed = cases[cases.length - 1];
    await call(manager, 'POST', `/casework/cases/${closed.id}/transitions`, {
      to: 'closed',
      closureReason: 'completed',
    });
    out.closedReferralId = closed.referralId;
    await until(
      `${hub.hubId}: the message back to the GP of the closed case`,
      async () =>
        (await hub.api('GET', `/api/v1/outcomes/gp-messages/${closed.referralId}`, { token: manager }))
          .status === 200,
      60_000,
      250,
    );
    return out;
  };

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startPostgresCluster(), startRedis()]);
    natsServers.push(...(await Promise.all([startNats(), startNats()])));
    const common = { LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT), HUB_PROFILE };
    [a, b] = await Promise.all(
      ['seca', 'secb'].map((id, i) =>
        startHub({
          hubId: `${id}${salt}`,
          pg,
          natsUrl: natsServers[i].url,
          redisUrl: redis.url,
          services: ['referral-intake', 'casework', 'outcomes', 'partner-directory'],
          env: common,
        }),
      ),
    );
    [seeded[a.hubId], seeded[b.hubId]] = await Promise.all([seed(a, 0), seed(b, 1_000)]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([...natsServers.map((n) => n.stop()), redis?.stop()]);
    await pg?.destroy();
  });

  it('(8) cross-hub: every person-level route × every role × hub B record answers 404/403 (or 401 for a foreign token) and no data', async () => {
    const other = seeded[b.hubId];
    type Probe = {
      method: string;
      path: (id: string) => string;
      ids: (s: Seeded) => string[];
      body?: (s: Seeded) => unknown;
      /** Lists and aggregates: the caller's own hub's rows (200) are fine, hub B's never. */
      list?: true;
    };
    const onCase = (method: string, suffix: string, body?: (s: Seeded) => unknown): Probe => ({
      method,
      path: (id) => `/api/v1/casework/cases/${id}${suffix}`,
      ids: (s) => s.caseIds,
      body,
    });
    const collection = (path: string): Probe => ({
      method: 'GET',
      path: () => path,
      ids: (s) => s.referralIds,
      list: true,
    });
    const ons4 = { lifeSatisfaction: 9, worthwhile: 9, happiness: 9, anxiety: 1 };
    const routes: Record<string, Probe> = {
      'GET referral': { method: 'GET', path: (id) => `/api/v1/referrals/${id}`, ids: (s) => s.referralIds },
      'GET FHIR ServiceRequest': {
        method: 'GET',
        path: (id) => `/fhir/ServiceRequest/${id}`,
        ids: (s) => s.referralIds,
      },
      'POST triage': {
        method: 'POST',
        path: (id) => `/api/v1/referrals/${id}/triage`,
        ids: (s) => s.referralIds,
        body: () => ({ outcome: 'accept', queue: 'general' }),
      },
      'POST referral hand-off': {
        method: 'POST',
        path: (id) => `/api/v1/referrals/${id}/handoff`,
        ids: (s) => s.referralIds,
        body: () => ({ status: 'acknowledged' }),
      },
      'GET referral list': collection('/api/v1/referrals?perPage=100'),
      'GET account': { method: 'GET', path: (id) => `/api/v1/accounts/${id}`, ids: (s) => s.accountIds },
      'PATCH account': {
        method: 'PATCH',
        path: (id) => `/api/v1/accounts/${id}`,
        ids: (s) => s.accountIds,
        body: () => ({ displayName: 'taken over' }),
      },
      'GET audit of a referral': {
        method: 'GET',
        path: (id) => `/api/v1/audit?entityId=${id}`,
        ids: (s) => s.referralIds,
        list: true,
      },
      'GET audit of a case': {
        method: 'GET',
        path: (id) => `/api/v1/audit?entityId=${id}`,
        ids: (s) => s.caseIds,
        list: true,
      },
      'GET audit of a person': {
        method: 'GET',
        path: (id) => `/api/v1/audit?entityId=${id}`,
        ids: (s) => s.personIds,
        list: true,
      },
      'GET case list': collection('/api/v1/casework/cases'),
      'GET caseload': collection('/api/v1/caseload'),
      'GET practitioners': collection('/api/v1/casework/practitioners'),
      'GET pathway metrics': collection('/api/v1/casework/pathway-metrics'),
      'GET outcomes dashboard': collection('/api/v1/outcomes/dashboard'),
      'GET partner referral list': collection('/api/v1/partner/referrals'),
      // hub B's ids as filters: still only the caller's own hub's rows
      ...Object.fromEntries(
        ['/api/v1/casework/cases', '/api/v1/caseload', '/api/v1/outcomes/dashboard'].map((list) => [
          `GET ${list.split('/').pop()} by hub B's practitioner`,
          {
            method: 'GET',
            path: (id: string) => `${list}?practitionerId=${id}`,
            ids: (s: Seeded) => s.practitionerIds,
            list: true,
          } satisfies Probe,
        ]),
      ),
      'GET case': onCase('GET', ''),
      'POST case transition': onCase('POST', '/transitions', () => ({ to: 'first_contact' })),
      'POST case allocation': onCase('POST', '/allocation', (s) => ({
        practitionerId: s.practitionerIds[0],
        reason: 'taking the case over',
      })),
      'POST contact': onCase('POST', '/contacts', () => ({
        at: '2026-11-02T10:00:00Z',
        mode: 'phone',
        durationMinutes: 5,
      })),
      'POST task done': {
        method: 'POST',
        path: (id) => `/api/v1/casework/cases/${id}/tasks/${randomUUID()}/done`,
        ids: (s) => s.caseIds,
      },
      'PUT what matters': onCase('PUT', '/what-matters', () => ({
        whatMatters: 'overwritten',
        strengths: 'x',
        concerns: 'y',
      })),
      'PUT plan': onCase('PUT', '/plan', () => ({
        goals: [{ goal: 'overwritten', whyItMatters: 'x', steps: [], whoHelps: [], status: 'not_started' }],
      })),
      'GET plan versions': onCase('GET', '/plan/versions'),
      'POST onward referral': onCase('POST', '/onward-referrals', (s) => ({
        directoryServiceId: s.directoryServiceIds[0],
        consentToShare: true,
      })),
      'POST pathway step': onCase('POST', '/pathway/steps', () => ({ step: 'forms_completed' })),
      'PUT pathway hand-off': onCase('PUT', '/pathway/handoff', () => ({ status: 'accepted' })),
      'PATCH onward referral': {
        method: 'PATCH',
        path: (id) => `/api/v1/casework/onward-referrals/${id}`,
        ids: (s) => s.onwardReferralIds,
        body: () => ({ status: 'cancelled' }),
      },
      'POST partner answer': {
        method: 'POST',
        path: (id) => `/api/v1/partner/referrals/${id}/status`,
        ids: (s) => s.onwardReferralIds,
        body: () => ({ status: 'started' }),
      },
      'POST partner pathway step': {
        method: 'POST',
        path: (id) => `/api/v1/partner/cases/${id}/pathway/steps`,
        ids: (s) => s.caseIds,
        body: () => ({ step: 'forms_completed' }),
      },
      'POST outcome recording': {
        method: 'POST',
        path: (id) => `/api/v1/outcomes/cases/${id}/recordings`,
        ids: (s) => s.caseIds,
        body: () => ({ timepoint: 'six_week', ons4 }),
      },
      "GET a person's outcomes": {
        method: 'GET',
        path: (id) => `/api/v1/outcomes/people/${id}`,
        ids: (s) => s.personIds,
      },
      'GET message back to the GP': {
        method: 'GET',
        path: (id) => `/api/v1/outcomes/gp-messages/${id}`,
        ids: (s) => [s.closedReferralId, ...s.referralIds],
      },
      'GET directory service': {
        method: 'GET',
        path: (id) => `/api/v1/directory/services/${id}`,
        ids: (s) => s.directoryServiceIds,
      },
    };
    // every table a probed route could write: identical afterwards, so hub B was not changed
    const fingerprint = async () => {
      const tables = [
        'referral_intake.referral',
        'referral_intake.referral_transition',
        'casework.person_case',
        'casework.case_transition',
        'casework.case_allocation',
        'casework.contact',
        'casework.what_matters',
        'casework.plan_version',
        'casework.onward_referral',
        'casework.onward_referral_status',
        'casework.pathway',
        'casework.pathway_step',
        'casework.case_task',
        'outcomes.outcome_record',
      ];
      const parts = await Promise.all(
        tables.map(async (table) => {
          const [row] = await pg.query<{ n: string; h: string | null }>(
            b.dbName,
            `SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM ${table} t`,
          );
          return `${table}:${row.n}:${row.h}`;
        }),
      );
      const [accounts] = await pg.query<{ h: string }>(
        b.dbName,
        `SELECT md5(string_agg(id::text || role || coalesce(display_name, '') || disabled::text || coalesce(partner_organisation_id::text, ''), ',' ORDER BY id)) AS h FROM gateway.accounts`,
      );
      return [...parts, `accounts:${accounts.h}`];
    };
    const before = await fingerprint();
    const names = Object.keys(routes);
    const gateways = ['own gateway', 'foreign gateway'] as const;
    const statuses = new Map<number, number>();
    const covered = new Set<string>();
    let tried = 0;
    const property = fc.asyncProperty(
      fc.constantFrom(...names),
      fc.constantFrom(...ROLES),
      fc.nat(),
      fc.constantFrom(...gateways),
      async (routeName, role, pick, where) => {
        const route = routes[routeName];
        const ids = route.ids(other);
        const id = ids[pick % ids.length];
        const body = route.body?.(other);
        const path = route.path(id);
        // own gateway: hub A's user asks hub A's gateway for hub B's record;
        // foreign gateway: hub A's token presented straight to hub B's gateway
        const gateway = where === 'own gateway' ? a : b;
        const answer = await gateway.api(route.method, path, { token: await token(a, role), body });
        tried += 1;
        covered.add(`${routeName}|${role}|${where}`);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const allowed = where === 'own gateway' ? [403, 404] : [401];
        if (route.list && where === 'own gateway') allowed.push(200);
        // the answer's text goes into the counterexample: a 5xx or a 200 must say why
        expect({ status: answer.status, text: answer.text.slice(0, 300) }).toEqual({
          status: allowed.includes(answer.status) ? answer.status : `one of ${allowed.join('/')}`,
          text: expect.any(String),
        });
        expect(leaks(answer, other, `${path} ${JSON.stringify(body ?? {})}`)).toEqual([]);
      },
    );
    // every route × role × gateway once (examples run first), then random picks on top
    const examples = names.flatMap((name, r) =>
      ROLES.flatMap((role, i) =>
        gateways.map(
          (where) => [name, role, r + i, where] as [string, Role, number, (typeof gateways)[number]],
        ),
      ),
    );
    // fast-check counts the examples within numRuns
    const randomRuns = 1_000;
    await fc.assert(property, { examples, numRuns: examples.length + randomRuns, endOnFailure: true });
    recordFigure(
      'security',
      '8 cross-hub combinations tried',
      `${tried} requests (${covered.size} of ${examples.length} route × role × gateway combinations: ${names.length} routes × ${ROLES.length} roles × 2 gateways, each once then ${randomRuns} random over hub B's ${other.caseIds.length} cases, ${other.personIds.length} people, ${other.referralIds.length} referrals, ${other.onwardReferralIds.length} onward referrals, ${other.accountIds.length} accounts); statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(covered.size).toBe(examples.length);
    expect(tried).toBe(examples.length + randomRuns);
    expect(await fingerprint()).toEqual(before);

    // the detector is not blind: hub B's own staff asking hub B's gateway do get hub B's data
    const manager = await token(b, 'hub_manager');
    for (const name of ['GET case', 'GET plan versions', "GET a person's outcomes", 'GET case list']) {
      const route = routes[name];
      const id = route.ids(other)[0];
      const answer = await b.api('GET', route.path(id), { token: manager });
      expect({ name, status: answer.status }).toEqual({ name, status: 200 });
      expect(leaks(answer, other, route.path(id)).length).toBeGreaterThan(0);
    }
  });

  it('(9) mass assignment and schema fuzz: extra fields and wrong types are 400, nothing written, no 5xx', async () => {
    const count = async () => {
      const [r] = await pg.query<{ n: string }>(
        a.dbName,
        `SELECT count(*) AS n FROM referral_intake.referral`,
      );
      const [p] = await pg.query<{ n: string }>(a.dbName, `SELECT count(*) AS n FROM referral_intake.person`);
      const [acc] = await pg.query<{ n: string; h: string }>(
        a.dbName,
        `SELECT count(*) AS n, md5(string_agg(id::text || role || coalesce(display_name, '') || hub_id || disabled::text, ',' ORDER BY id)) AS h FROM gateway.accounts`,
      );
      const [t] = await pg.query<{ n: string }>(
        a.dbName,
        `SELECT count(*) AS n FROM referral_intake.referral_transition`,
      );
      return `${r.n}/${p.n}/${acc.n}/${acc.h}/${t.n}`;
    };
    const before = await count();
    const own = seeded[a.hubId];
    const targets: {
      name: string;
      method: string;
      path: string;
      role: Role;
      valid: () => Record<string, unknown>;
      legit: string[];
    }[] = [
      {
        name: 'POST referrals',
        method: 'POST',
        path: '/api/v1/referrals',
        role: 'referrer',
        valid: () => referralBody(50_000 + Math.floor(Math.random() * 1e6), salt),
        legit: [],
      },
      {
        name: 'POST self-referrals',
        method: 'POST',
        path: '/api/v1/self-referrals',
        role: 'referrer',
        valid: () => ({ ...referralBody(60_000, salt), referrerType: undefined }),
        legit: [],
      },
      {
        name: 'POST triage',
        method: 'POST',
        path: `/api/v1/referrals/${own.referralIds[0]}/triage`,
        role: 'link_worker',
        valid: () => ({ outcome: 'accept', queue: 'general' }),
        legit: ['status'],
      },
      {
        name: 'POST accounts',
        method: 'POST',
        path: '/api/v1/accounts',
        role: 'admin',
        valid: () => ({
          email: `fuzz${randomUUID()}@x.test`,
          displayName: 'Fuzz',
          role: 'referrer',
          password: 'fuzz-password-123456',
        }),
        legit: ['role'],
      },
      {
        name: 'PATCH account',
        method: 'PATCH',
        path: `/api/v1/accounts/${own.accountIds[0]}`,
        role: 'admin',
        valid: () => ({ displayName: 'Fuzzed' }),
        legit: ['role'],
      },
    ];
    const extras = ['hubId', 'role', 'createdBy', 'status', 'id', 'accountId', 'hub', 'createdAt', 'isAdmin'];
    const statuses = new Map<number, number>();
    const failures = new Map<string, string>();
    let tried = 0;
    const wrongValue = fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 2 }),
      fc.object({ maxDepth: 1, maxKeys: 2 }),
      fc.string({ maxLength: 5 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.oneof(
          fc.record({
            kind: fc.constant('extra' as const),
            field: fc.constantFrom(...extras),
            value: fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constant('admin')),
          }),
          fc.record({ kind: fc.constant('wrong type' as const), index: fc.nat(), value: wrongValue }),
        ),
        async (target, mutation) => {
          const body = target.valid();
          if (mutation.kind === 'extra') {
            if (target.legit.includes(mutation.field)) return;
            body[mutation.field] = mutation.value;
          } else {
            const keys = Object.keys(body).filter((k) => body[k] !== undefined);
            const key = keys[mutation.index % keys.length];
            // a string where a string goes may be valid; skip those generated cases
            if (typeof mutation.value === typeof body[key] && !Array.isArray(mutation.value)) return;
            body[key] = mutation.value;
          }
          const answer = await a.api(target.method, target.path, {
            token: await token(a, target.role),
            body,
          });
          tried += 1;
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          // every refusal found, not just the first: the list is the evidence
          if (answer.status !== 400) {
            const field =
              mutation.kind === 'extra'
                ? mutation.field
                : Object.keys(body)[mutation.index % Object.keys(body).length];
            failures.set(
              `${target.name}: ${mutation.kind} ${field}=${JSON.stringify(mutation.value)} → ${answer.status}`,
              answer.text.slice(0, 200),
            );
          }
        },
      ),
      { numRuns: 250, endOnFailure: true },
    );
    recordFigure(
      'security',
      '9 mass-assignment/fuzz bodies tried',
      `${tried} over ${targets.length} routes; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(tried).toBeGreaterThan(100);
    expect(await count()).toBe(before);
    expect([...failures.keys()]).toEqual([]);
  });

  it('(10) audit completeness: N random reads all appear in the audit log; the app role cannot UPDATE or DELETE audit rows', async () => {
    const own = seeded[a.hubId];
    const reads: { action: string; entityId: string; actor: string }[] = [];
    const readers: Role[] = ['link_worker', 'hub_manager', 'admin'];
    const kinds: { action: string; path: (id: string) => string; ids: string[]; roles: Role[] }[] = [
      {
        action: 'referral.read',
        path: (id) => `/api/v1/referrals/${id}`,
        ids: own.referralIds,
        roles: readers,
      },
      {
        action: 'referral.read',
        path: (id) => `/fhir/ServiceRequest/${id}`,
        ids: own.referralIds,
        roles: readers,
      },
      {
        action: 'account.read',
        path: (id) => `/api/v1/accounts/${id}`,
        ids: own.accountIds,
        roles: ['hub_manager', 'admin'],
      },
      { action: 'case.read', path: (id) => `/api/v1/casework/cases/${id}`, ids: own.caseIds, roles: readers },
      {
        action: 'case.plan.read',
        path: (id) => `/api/v1/casework/cases/${id}/plan/versions`,
        ids: own.caseIds,
        roles: readers,
      },
      {
        action: 'outcome.person.read',
        path: (id) => `/api/v1/outcomes/people/${id}`,
        ids: own.personIds,
        roles: ['link_worker', 'hub_manager'],
      },
    ];
    const N = 90;
    for (let i = 0; i < N; i++) {
      const kind = kinds[Math.floor(Math.random() * kinds.length)];
      const role = kind.roles[Math.floor(Math.random() * kind.roles.length)];
      const t = await token(a, role);
      const id = kind.ids[i % kind.ids.length];
      const answer = await a.api('GET', kind.path(id), { token: t });
      expect({ path: kind.path(id), role, status: answer.status }).toEqual({
        path: kind.path(id),
        role,
        status: 200,
      });
      reads.push({ action: kind.action, entityId: id, actor: decode(t).sub as string });
    }
    const rows = await pg.query<{ action: string; entity_id: string; actor_id: string }>(
      a.dbName,
      `SELECT action, entity_id, actor_id FROM gateway.audit_log`,
    );
    const bag = new Map<string, number>();
    for (const r of rows)
      bag.set(
        `${r.action}|${r.entity_id}|${r.actor_id}`,
        (bag.get(`${r.action}|${r.entity_id}|${r.actor_id}`) ?? 0) + 1,
      );
    const missing = reads.filter((r) => {
      const key = `${r.action}|${r.entityId}|${r.actor}`;
      const n = bag.get(key) ?? 0;
      if (n > 0) bag.set(key, n - 1);
      return n === 0;
    });
    recordFigure(
      'security',
      '10 audited reads',
      `${reads.length} reads, ${missing.length} missing from ${rows.length} audit rows`,
    );
    expect(missing).toEqual([]);

    // the application role: the gateway's sessions run as gateway_app
    const tamper = async (sql: string) => {
      try {
        await pg.query(a.dbName, `SET ROLE gateway_app; ${sql}`);
        return 'allowed';
      } catch (error) {
        return (error as Error).message;
      }
    };
    const update = await tamper(`UPDATE gateway.audit_log SET purpose = 'tampered'`);
    const del = await tamper(`DELETE FROM gateway.audit_log`);
    const truncate = await tamper(`TRUNCATE gateway.audit_log`);
    expect(update).toMatch(/permission denied/);
    expect(del).toMatch(/permission denied/);
    expect(truncate).toMatch(/permission denied/);
    // and even the owner is stopped by the trigger
    await expect(pg.query(a.dbName, `UPDATE gateway.audit_log SET purpose = 'tampered'`)).rejects.toThrow();
    const [after] = await pg.query<{ n: string }>(
      a.dbName,
      `SELECT count(*) AS n FROM gateway.audit_log WHERE purpose = 'tampered'`,
    );
    expect(Number(after.n)).toBe(0);
  });

  it('(11) auth: expired, tampered, alg-none and wrong-hub tokens are 401; login is rate-limited; passwords never reach the logs', async () => {
    const secret = a.env.JWT_SECRET;
    const real = await token(a, 'referrer');
    const claims = decode(real);
    const now = Math.floor(Date.now() / 1000);
    const forged: Record<string, string> = {
      expired: sign({ ...claims, iat: now - 7200, exp: now - 3600 }, secret),
      'tampered role (old signature)': `${real.split('.')[0]}.${b64url(JSON.stringify({ ...claims, role: 'admin' }))}.${real.split('.')[2]}`,
      'tampered signature': `${real.slice(0, -4)}${real.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`,
      'alg none': `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify({ ...claims, role: 'admin' }))}.`,
      'other secret': sign({ ...claims, role: 'admin' }, 'not-the-secret-0123456789abcdef0123456789'),
      'wrong issuer': sign({ ...claims, iss: 'someone-else' }, secret),
      // a correctly signed token for hub B naming hub A's account: the hub claim must match HUB_ID
      'wrong hub claim': sign({ ...claims, hub: b.hubId }, secret),
    };
    let tried = 0;
    for (const [name, t] of Object.entries(forged)) {
      for (const path of [
        '/api/v1/auth/me',
        `/api/v1/referrals/${seeded[a.hubId].referralIds[0]}`,
        '/api/v1/accounts',
      ]) {
        const answer = await a.api('GET', path, { token: t });
        tried += 1;
        expect({ name, path, status: answer.status }).toEqual({ name, path, status: 401 });
      }
    }
    // hub A's genuine token at hub B
    const foreign = await b.api('GET', '/api/v1/auth/me', { token: real });
    expect(foreign.status).toBe(401);
    expect((await a.api('GET', '/api/v1/auth/me', { token: real })).status).toBe(200);

    // login rate limit: one client address, wrong passwords, then even the right one is refused
    const wrong = Array.from({ length: LOGIN_LIMIT + 5 }, (_, i) => `wrong-password-${salt}-${i}`);
    const loginStatuses: number[] = [];
    for (const password of wrong) {
      const answer = await b.api('POST', '/api/v1/auth/login', {
        body: { email: `referrer@${b.hubId}.linkway.test`, password },
      });
      loginStatuses.push(answer.status);
    }
    const limited = await b.api('POST', '/api/v1/auth/login', {
      body: { email: `referrer@${b.hubId}.linkway.test`, password: DEMO_PASSWORD },
    });
    recordFigure(
      'security',
      '11 forged tokens tried',
      `${tried} (all 401); logins ${loginStatuses.join(',')} then right password ${limited.status}`,
    );
    expect(loginStatuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(loginStatuses).toContain(429);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429 });

    // no password we used, right or wrong, appears in any log the suite's processes wrote
    const secrets = [DEMO_PASSWORD, ...wrong, 'fuzz-password-123456'];
    const hits: string[] = [];
    let bytes = 0;
    for (const file of allLogFiles) {
      const text = readFileSync(file, 'utf8');
      bytes += text.length;
      for (const s of secrets) if (text.includes(s)) hits.push(`${file}: ${s}`);
    }
    recordFigure(
      'security',
      '11 log bytes scanned for passwords',
      `${bytes} in ${allLogFiles.length} files, ${hits.length} hits`,
    );
    expect(allLogFiles.length).toBeGreaterThan(0);
    expect(bytes).toBeGreaterThan(0);
    expect(hits).toEqual([]);
  });
});
