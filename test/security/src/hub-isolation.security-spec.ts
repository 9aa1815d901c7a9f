/**
 * Two hubs, each with its own database, NATS server, gateway and referral-intake (the same
 * code, a different HUB_ID and, deliberately, the SAME JWT secret: a leaked or reused secret
 * must still not let hub A's token open hub B). Properties are generated with fast-check and
 * every combination tried is counted and printed.
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
} from '../../harness';

const LOGIN_LIMIT = 15;

interface Seeded {
  referralIds: string[];
  nhsNumbers: string[];
  familyNames: string[];
  accountIds: string[];
}

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

/** No answer may carry another hub's identifiers (an error may echo the id the caller sent). */
const leaks = (answer: ApiAnswer, seeded: Seeded, asked: string) =>
  [...seeded.referralIds, ...seeded.nhsNumbers, ...seeded.familyNames, ...seeded.accountIds]
    .filter((v) => v !== asked)
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
    if (!tokens.has(key)) tokens.set(key, await hub.token(role));
    return tokens.get(key)!;
  };

  const seed = async (hub: Hub, offset: number): Promise<Seeded> => {
    const out: Seeded = { referralIds: [], nhsNumbers: [], familyNames: [], accountIds: [] };
    const referrer = await token(hub, 'referrer');
    for (let i = 0; i < 5; i++) {
      const body = referralBody(offset + i, salt);
      const answer = await hub.api('POST', '/api/v1/referrals', { token: referrer, body });
      expect(answer.status).toBe(201);
      out.referralIds.push((answer.body as { referral: { id: string } }).referral.id);
      out.nhsNumbers.push(body.person.nhsNumber);
      out.familyNames.push(body.person.familyName);
    }
    const accounts = await hub.api('GET', '/api/v1/accounts?perPage=50', {
      token: await token(hub, 'admin'),
    });
    out.accountIds = (accounts.body as { items: { id: string }[] }).items.map((x) => x.id);
    return out;
  };

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startPostgresCluster(), startRedis()]);
    natsServers.push(...(await Promise.all([startNats(), startNats()])));
    const common = { LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT) };
    [a, b] = await Promise.all(
      ['seca', 'secb'].map((id, i) =>
        startHub({
          hubId: `${id}${salt}`,
          pg,
          natsUrl: natsServers[i].url,
          redisUrl: redis.url,
          services: ['referral-intake'],
          env: common,
        }),
      ),
    );
    seeded[a.hubId] = await seed(a, 0);
    seeded[b.hubId] = await seed(b, 1_000);
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
      body?: unknown;
    };
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
        body: { outcome: 'accept', queue: 'general' },
      },
      'GET referral list': {
        method: 'GET',
        path: () => `/api/v1/referrals?perPage=100`,
        ids: (s) => s.referralIds,
      },
      'GET account': { method: 'GET', path: (id) => `/api/v1/accounts/${id}`, ids: (s) => s.accountIds },
      'PATCH account': {
        method: 'PATCH',
        path: (id) => `/api/v1/accounts/${id}`,
        ids: (s) => s.accountIds,
        body: { displayName: 'taken over' },
      },
      'GET audit of a record': {
        method: 'GET',
        path: (id) => `/api/v1/audit?entityId=${id}`,
        ids: (s) => s.referralIds,
      },
    };
    const statuses = new Map<number, number>();
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(routes)),
        fc.constantFrom(...ROLES),
        fc.nat(),
        fc.constantFrom<'own gateway' | 'foreign gateway'>('own gateway', 'foreign gateway'),
        async (routeName, role, pick, where) => {
          const route = routes[routeName];
          const ids = route.ids(other);
          const id = ids[pick % ids.length];
          // own gateway: hub A's user asks hub A's gateway for hub B's record;
          // foreign gateway: hub A's token presented straight to hub B's gateway
          const gateway = where === 'own gateway' ? a : b;
          const answer = await gateway.api(route.method, route.path(id), {
            token: await token(a, role),
            body: route.body,
          });
          tried += 1;
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const allowed = where === 'own gateway' ? [403, 404] : [401];
          if (routeName === 'GET referral list' || routeName.startsWith('GET audit')) {
            // list routes: a 200 is fine as long as it is empty of hub B's data
            if (where === 'own gateway') allowed.push(200);
          }
          expect(allowed).toContain(answer.status);
          // a list answers with the caller's own hub's rows only: none of hub B's (checked below)
          if (answer.status === 200)
            expect(Array.isArray((answer.body as { items: unknown[] }).items)).toBe(true);
          expect(leaks(answer, other, id)).toEqual([]);
        },
      ),
      { numRuns: 300, endOnFailure: true },
    );
    recordFigure(
      'security',
      '8 cross-hub combinations tried',
      `${tried} (${Object.keys(routes).length} routes × ${ROLES.length} roles × 2 gateways × hub B records); statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(tried).toBe(300);
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
    const N = 60;
    for (let i = 0; i < N; i++) {
      const role = readers[Math.floor(Math.random() * readers.length)];
      const t = await token(a, role);
      const actor = decode(t).sub as string;
      const kind = Math.floor(Math.random() * 3);
      const id =
        kind === 2 && role !== 'link_worker'
          ? own.accountIds[i % own.accountIds.length]
          : own.referralIds[i % own.referralIds.length];
      const path =
        kind === 2 && role !== 'link_worker'
          ? `/api/v1/accounts/${id}`
          : kind === 1
            ? `/fhir/ServiceRequest/${id}`
            : `/api/v1/referrals/${id}`;
      const answer = await a.api('GET', path, { token: t });
      expect(answer.status).toBe(200);
      reads.push({
        action: path.includes('accounts') ? 'account.read' : 'referral.read',
        entityId: id,
        actor,
      });
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
