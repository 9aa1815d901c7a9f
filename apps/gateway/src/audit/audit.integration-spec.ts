import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  bearer,
  type GatewayHarness,
  startGateway,
  type TestAccount,
} from '../test-fixtures/gateway-test-app';
import { AuditService } from './audit.service';
import { enqueueUntypedEvent } from '@linkway/messaging';
import { waitUntil } from '@linkway/testing';

describe('gateway audit (integration)', () => {
  let sut: GatewayHarness;
  let admin: TestAccount;
  let manager: TestAccount;

  beforeAll(async () => {
    sut = await startGateway('gw-audit');
    admin = await sut.givenAccount('admin');
    manager = await sut.givenAccount('hub_manager');
  });

  afterAll(() => sut?.close());

  const auditPage = async (query: string, token = manager.token) => {
    const response = await sut.app.inject({
      method: 'GET',
      url: `/api/v1/audit?${query}`,
      headers: bearer(token),
    });
    expect(response.statusCode).toBe(200);
    return response.json<{
      items: Array<Record<string, unknown>>;
      page: number;
      perPage: number;
      total: number;
    }>();
  };

  describe('append-only at the database level', () => {
    let auditId: string;

    beforeAll(async () => {
      auditId = await sut.app.get(AuditService).record({
        actor: admin.id,
        role: 'admin',
        hub: 'hub1',
        action: 'test.write',
        entity: 'thing',
        entityId: 'x',
        purpose: 'testing',
      });
    });

    it("runs the application's sessions as the gateway_app role", async () => {
      // concurrent queries make the pool open new sessions: each must act as the app role too
      const dataSource = sut.app.get(DataSource);
      const rows = await Promise.all(
        Array.from({ length: 6 }, () => dataSource.query('SELECT current_user AS role, pg_sleep(0.05)')),
      );
      expect(rows.map(([row]) => row.role)).toEqual(Array(6).fill('gateway_app'));
    });

    it('lets the app role relay its outbox to JetStream', async () => {
      const dataSource = sut.app.get(DataSource);
      const id = await dataSource.transaction((manager) =>
        enqueueUntypedEvent(manager, 'evt.gateway.selftest.v1', { at: new Date().toISOString() }),
      );
      await waitUntil(
        async () =>
          (await dataSource.query('SELECT published_at FROM outbox WHERE id = $1', [id]))[0]?.published_at,
        { timeoutMs: 10_000, what: 'the outbox row to be published' },
      );
    });

    it.each([
      ['UPDATE', `UPDATE audit_log SET purpose = 'rewritten' WHERE id = $1`, true],
      ['DELETE', `DELETE FROM audit_log WHERE id = $1`, true],
      ['TRUNCATE', `TRUNCATE audit_log`, false],
    ])("refuses %s through the application's connection", async (_op, sql, withId) => {
      const dataSource = sut.app.get(DataSource);
      await expect(dataSource.query(sql, withId ? [auditId] : [])).rejects.toMatchObject({
        code: '42501',
        message: expect.stringContaining('permission denied for table audit_log'),
      });
      const [row] = await dataSource.query('SELECT purpose FROM audit_log WHERE id = $1', [auditId]);
      expect(row.purpose).toBe('testing');
    });

    it('refuses UPDATE and DELETE even for the owner, by trigger', async () => {
      const owner = new Client({ connectionString: sut.db.url, options: '-c search_path=gateway' });
      await owner.connect();
      try {
        await expect(
          owner.query(`UPDATE audit_log SET purpose = 'x' WHERE id = $1`, [auditId]),
        ).rejects.toThrow('audit_log is append-only: UPDATE is not allowed');
        await expect(owner.query(`DELETE FROM audit_log WHERE id = $1`, [auditId])).rejects.toThrow(
          'audit_log is append-only: DELETE is not allowed',
        );
      } finally {
        await owner.end();
      }
    });
  });

  describe('group commit', () => {
    const record = (action: string, actor: string | null = admin.id) =>
      sut.app.get(AuditService).record({
        actor,
        role: 'admin',
        hub: 'hub1',
        action,
        entity: 'thing',
        purpose: 'testing',
      });
    const rowsOf = (action: string) =>
      sut.app.get(DataSource).query(`SELECT id, at FROM audit_log WHERE action = $1`, [action]) as Promise<
        Array<{ id: string; at: Date }>
      >;

    it('stores every concurrent row before it resolves, many rows to a commit', async () => {
      const ids = await Promise.all(Array.from({ length: 60 }, () => record('test.group')));
      const rows = await rowsOf('test.group');
      expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
      // a transaction's rows share now(): far fewer distinct times than rows means shared commits
      expect(new Set(rows.map((r) => r.at.getTime())).size).toBeLessThanOrEqual(5);
    });

    it('fails only the bad row of a shared write', async () => {
      const results = await Promise.allSettled([
        record('test.poison'),
        record('test.poison'),
        record('test.poison', 'not-a-uuid'),
        record('test.poison'),
        record('test.poison'),
      ]);
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect(await rowsOf('test.poison')).toHaveLength(4);
    });
  });

  describe('@Audited routes', () => {
    it('writes an audit row for GET /api/v1/accounts/:id, with actor, purpose and request id', async () => {
      const worker = await sut.givenAccount('link_worker');
      const response = await sut.app.inject({
        method: 'GET',
        url: `/api/v1/accounts/${worker.id}`,
        headers: bearer(admin.token),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: worker.id, email: worker.email });

      const page = await auditPage(`action=account.read&entityId=${worker.id}`);
      expect(page.items).toEqual([
        expect.objectContaining({
          actorId: admin.id,
          actorRole: 'admin',
          hubId: 'hub1',
          action: 'account.read',
          entity: 'account',
          entityId: worker.id,
          purpose: 'account_administration',
          requestId: response.headers['x-request-id'],
        }),
      ]);
    });

    it('writes nothing when the read fails', async () => {
      const missing = '01a200dc-0000-7000-8000-000000000000';
      const response = await sut.app.inject({
        method: 'GET',
        url: `/api/v1/accounts/${missing}`,
        headers: bearer(admin.token),
      });
      expect(response.statusCode).toBe(404);
      expect((await auditPage(`entityId=${missing}`)).total).toBe(0);
    });
  });

  describe('GET /api/v1/audit', () => {
    const hub2Actor = '01a200dc-1111-7000-8000-000000000001';

    beforeAll(async () => {
      const audit = sut.app.get(AuditService);
      for (let i = 0; i < 5; i += 1) {
        await audit.record({
          actor: manager.id,
          role: 'hub_manager',
          hub: 'hub1',
          action: 'person.read',
          entity: 'person',
          entityId: `p${i}`,
          purpose: 'direct_care',
        });
      }
      // rows of another hub (a shared database in a demo): never listed here
      await audit.record({
        actor: hub2Actor,
        role: 'admin',
        hub: 'hub2',
        action: 'person.read',
        entity: 'person',
        entityId: 'p0',
        purpose: 'direct_care',
      });
    });

    it('filters by action, entity, entity id and actor', async () => {
      expect((await auditPage('action=person.read')).total).toBe(5);
      expect((await auditPage('entity=person&entityId=p3')).items).toEqual([
        expect.objectContaining({ entityId: 'p3', hubId: 'hub1' }),
      ]);
      expect((await auditPage(`actorId=${manager.id}&entity=person`)).total).toBe(5);
      expect((await auditPage(`actorId=${hub2Actor}`)).total).toBe(0);
    });

    it('filters by time', async () => {
      const future = new Date(Date.now() + 60_000).toISOString();
      const past = new Date(Date.now() - 60 * 60_000).toISOString();
      expect((await auditPage(`action=person.read&from=${future}`)).total).toBe(0);
      expect((await auditPage(`action=person.read&from=${past}&to=${future}`)).total).toBe(5);
    });

    it('pages newest first', async () => {
      const first = await auditPage('action=person.read&perPage=2&page=1');
      const third = await auditPage('action=person.read&perPage=2&page=3');
      expect(first).toMatchObject({ page: 1, perPage: 2, total: 5 });
      expect(first.items.map((i) => i.entityId)).toEqual(['p4', 'p3']);
      expect(third.items.map((i) => i.entityId)).toEqual(['p0']);
    });

    it('caps perPage at 200 and names the field', async () => {
      const response = await sut.app.inject({
        method: 'GET',
        url: '/api/v1/audit?perPage=201',
        headers: bearer(manager.token),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual([
        { field: 'perPage', reason: 'perPage must not be greater than 200' },
      ]);
    });

    it('is scoped to the caller hub', async () => {
      const page = await auditPage('perPage=200', admin.token);
      expect(page.items.every((item) => item.hubId === 'hub1')).toBe(true);
    });

    it('audits its own reads', async () => {
      const reviewer = await sut.givenAccount('hub_manager');
      const response = await sut.app.inject({
        method: 'GET',
        url: '/api/v1/audit?entity=person',
        headers: bearer(reviewer.token),
      });
      expect(response.statusCode).toBe(200);
      const page = await auditPage(`actorId=${reviewer.id}&action=audit.list`);
      expect(page.items[0]).toMatchObject({
        entity: 'audit_log',
        purpose: 'audit_review',
        requestId: response.headers['x-request-id'],
      });
    });

    it('is for hub managers and admins only', async () => {
      const worker = await sut.givenAccount('link_worker');
      const response = await sut.app.inject({
        method: 'GET',
        url: '/api/v1/audit',
        headers: bearer(worker.token),
      });
      expect(response.statusCode).toBe(403);
    });
  });
});
