import { DataSource } from 'typeorm';
import { Account } from '../accounts/account.entity';
import {
  bearer,
  type GatewayHarness,
  startGateway,
  type TestAccount,
} from '../test-fixtures/gateway-test-app';
import { TokenService } from './token.service';

describe('gateway auth (integration)', () => {
  let sut: GatewayHarness;
  let admin: TestAccount;

  beforeAll(async () => {
    sut = await startGateway('gw-auth');
    admin = await sut.givenAccount('admin');
  });

  afterAll(() => sut?.close());

  const errorShape = {
    statusCode: expect.any(Number),
    error: expect.any(String),
    message: expect.any(String),
    details: expect.any(Array),
  };

  describe('POST /api/v1/auth/login', () => {
    it('returns an access token bound to the hub and role', async () => {
      const worker = await sut.givenAccount('link_worker');
      const response = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: worker.email.toUpperCase(), password: worker.password },
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 3600,
        role: 'link_worker',
        hubId: 'hub1',
      });
      const claims = JSON.parse(Buffer.from(body.accessToken.split('.')[1], 'base64url').toString());
      expect(claims).toMatchObject({ sub: worker.id, hub: 'hub1', role: 'link_worker', iss: 'linkway' });
    });

    it('answers a wrong password and an unknown email with the same 401', async () => {
      const wrong = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: admin.email, password: 'nope-nope' },
      });
      const unknown = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@test.linkway.test', password: 'nope-nope' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Invalid email or password',
        details: [],
      });
      expect(unknown.json()).toEqual(wrong.json());
    });

    it('refuses a disabled account with the same 401, and its existing token stops working', async () => {
      const partner = await sut.givenAccount('partner');
      await sut.app.get(DataSource).getRepository(Account).update({ id: partner.id }, { disabled: true });
      const login = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: partner.email, password: partner.password },
      });
      expect(login.statusCode).toBe(401);
      expect(login.json().message).toBe('Invalid email or password');
      const me = await sut.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: bearer(partner.token),
      });
      expect(me.statusCode).toBe(401);
    });

    it('names each invalid field in the error details', async () => {
      const response = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'not-an-email', extra: 1 },
      });
      expect(response.statusCode).toBe(400);
      const body = response.json();
      expect(body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Request validation failed',
      });
      expect(body.details).toEqual(
        expect.arrayContaining([
          { field: 'email', reason: 'email must be an email' },
          { field: 'password', reason: expect.stringContaining('password must be a string') },
          { field: 'extra', reason: 'property extra should not exist' },
        ]),
      );
    });
  });

  describe('GET /api/v1/auth/me', () => {
    it('returns the caller', async () => {
      const response = await sut.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: bearer(admin.token),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id: admin.id,
        email: admin.email,
        role: 'admin',
        hubId: 'hub1',
      });
      expect(response.json()).not.toHaveProperty('passwordHash');
    });

    it('requires a token by default', async () => {
      const response = await sut.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        ...errorShape,
        statusCode: 401,
        message: 'A bearer access token is required',
      });
    });

    it('refuses a token with a broken signature', async () => {
      const [header, payload] = admin.token.split('.');
      const response = await sut.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: bearer(`${header}.${payload}.AAAA`),
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().message).toBe('Invalid or expired token');
    });

    it('refuses a well-signed token for another hub', async () => {
      const other = await sut.app
        .get(TokenService)
        .issue({ accountId: admin.id, hubId: 'hub2', role: 'admin' });
      const response = await sut.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: bearer(other.accessToken),
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({
        statusCode: 401,
        message: 'This token is for another hub; sign in to hub1',
      });
    });

    it('refuses a token whose role no longer matches the account', async () => {
      const forged = await sut.app
        .get(TokenService)
        .issue({ accountId: admin.id, hubId: 'hub1', role: 'referrer' });
      const response = await sut.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: bearer(forged.accessToken),
      });
      expect(response.statusCode).toBe(401);
    });
  });

  describe('roles', () => {
    it('answers 403 in the standard shape when the role may not use the route', async () => {
      const referrer = await sut.givenAccount('referrer');
      const response = await sut.app.inject({
        method: 'GET',
        url: '/api/v1/accounts',
        headers: bearer(referrer.token),
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'This needs one of the roles: admin, hub_manager',
        details: [{ field: 'role', reason: 'referrer may not do this' }],
      });
    });

    it('lets a hub manager create non-admin accounts but not admins', async () => {
      const manager = await sut.givenAccount('hub_manager');
      const payload = {
        email: 'new.worker@test.linkway.test',
        displayName: 'New Worker',
        role: 'link_worker',
        password: 'long-enough-password',
      };
      const created = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/accounts',
        headers: bearer(manager.token),
        payload,
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        email: 'new.worker@test.linkway.test',
        role: 'link_worker',
        hubId: 'hub1',
        disabled: false,
      });

      const again = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/accounts',
        headers: bearer(admin.token),
        payload,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().details).toEqual([{ field: 'email', reason: 'already in use in this hub' }]);

      const asAdmin = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/accounts',
        headers: bearer(manager.token),
        payload: { ...payload, email: 'would.be.admin@test.linkway.test', role: 'admin' },
      });
      expect(asAdmin.statusCode).toBe(403);
      expect(asAdmin.json().message).toBe('Only an admin may create an admin account');

      await sut.login('new.worker@test.linkway.test', 'long-enough-password');
    });

    it('lists the hub accounts, paged', async () => {
      const response = await sut.app.inject({
        method: 'GET',
        url: '/api/v1/accounts?perPage=2&page=1',
        headers: bearer(admin.token),
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.items).toHaveLength(2);
      expect(body.total).toBeGreaterThanOrEqual(5);
      expect(body).toMatchObject({ page: 1, perPage: 2 });
    });
  });
});
