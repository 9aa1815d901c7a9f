import {
  bearer,
  type GatewayHarness,
  startGateway,
  type TestAccount,
} from '../test-fixtures/gateway-test-app';

describe('gateway accounts (integration)', () => {
  let sut: GatewayHarness;
  let admin: TestAccount;
  let manager: TestAccount;

  beforeAll(async () => {
    sut = await startGateway('gw-accounts');
    admin = await sut.givenAccount('admin');
    manager = await sut.givenAccount('hub_manager');
  });

  afterAll(() => sut?.close());

  const patch = (id: string, token: string, payload: Record<string, unknown>) =>
    sut.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${id}`, headers: bearer(token), payload });

  it('disables an account: it can no longer sign in and its token stops working', async () => {
    const worker = await sut.givenAccount('link_worker');
    // a request first, so the JWT guard remembers the account as enabled (ACCOUNT_CHECK_CACHE_MS)
    expect(
      (await sut.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(worker.token) }))
        .statusCode,
    ).toBe(200);
    const response = await patch(worker.id, manager.token, { disabled: true });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: worker.id, disabled: true });
    expect(
      (await sut.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(worker.token) }))
        .statusCode,
    ).toBe(401);
    await expect(sut.login(worker.email, worker.password)).rejects.toThrow('login failed: 401');

    expect((await patch(worker.id, manager.token, { disabled: false })).statusCode).toBe(200);
    await expect(sut.login(worker.email, worker.password)).resolves.toEqual(expect.any(String));
  });

  it('changes role and password, and audits the change', async () => {
    const referrer = await sut.givenAccount('referrer');
    const response = await patch(referrer.id, admin.token, {
      role: 'link_worker',
      password: 'a-brand-new-password',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().role).toBe('link_worker');
    await expect(sut.login(referrer.email, 'a-brand-new-password')).resolves.toEqual(expect.any(String));

    const audit = await sut.app.inject({
      method: 'GET',
      url: `/api/v1/audit?action=account.update&entityId=${referrer.id}`,
      headers: bearer(admin.token),
    });
    expect(audit.json().items).toEqual([
      expect.objectContaining({ actorId: admin.id, entity: 'account', purpose: 'account_administration' }),
    ]);
  });

  it.each(['displayName', 'role', 'disabled', 'password'])(
    'refuses a null %s with 400 naming the field, and changes nothing',
    async (field) => {
      const worker = await sut.givenAccount('link_worker');
      const response = await patch(worker.id, admin.token, { [field]: null });
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      await expect(sut.login(worker.email, worker.password)).resolves.toEqual(expect.any(String));
    },
  );

  it('keeps hub managers away from admin accounts and the admin role', async () => {
    expect((await patch(admin.id, manager.token, { displayName: 'Renamed' })).statusCode).toBe(403);
    const worker = await sut.givenAccount('link_worker');
    expect((await patch(worker.id, manager.token, { role: 'admin' })).statusCode).toBe(403);
  });

  it('refuses to disable oneself or change one own role', async () => {
    const response = await patch(admin.id, admin.token, { disabled: true });
    expect(response.statusCode).toBe(403);
    expect(response.json().details).toEqual([{ field: 'disabled', reason: 'ask another administrator' }]);
    expect((await patch(admin.id, admin.token, { displayName: 'Still me' })).statusCode).toBe(200);
  });

  it('answers 404 for an account of no one, and 400 naming the id when it is not a UUID', async () => {
    expect(
      (await patch('01a200dc-0000-7000-8000-0000000000ff', admin.token, { disabled: true })).statusCode,
    ).toBe(404);
    const bad = await sut.app.inject({
      method: 'GET',
      url: '/api/v1/accounts/not-a-uuid',
      headers: bearer(admin.token),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Invalid id',
      details: [{ field: 'id', reason: 'must be a UUID' }],
    });
  });

  it('refuses unknown fields in a change', async () => {
    const worker = await sut.givenAccount('link_worker');
    const response = await patch(worker.id, admin.token, { email: 'changed@test.linkway.test' });
    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([{ field: 'email', reason: 'property email should not exist' }]);
  });
});
