import { ApiError, createApiClient, toQuery } from './client';

const jsonResponse = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

function givenFetch(...responses: Response[]) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) throw new TypeError('network down');
    return next;
  }) as unknown as typeof fetch;
  return { calls, fetchFn };
}

describe('toQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(
      toQuery({ action: 'account.read', entity: '', page: 2, to: undefined, from: null, q: 'a b&c' }),
    ).toBe('?action=account.read&page=2&q=a+b%26c');
  });

  it('is empty when nothing is set', () => {
    expect(toQuery({ a: '', b: undefined })).toBe('');
  });
});

describe('createApiClient', () => {
  it('sends the bearer token and JSON body under /api/v1', async () => {
    const { calls, fetchFn } = givenFetch(jsonResponse(201, { id: 'a1' }));
    const sut = createApiClient({ token: () => 't0k', fetchFn });
    await expect(sut.post('/accounts', { email: 'x@y.z' })).resolves.toEqual({ id: 'a1' });
    expect(calls[0]?.url).toBe('/api/v1/accounts');
    expect(calls[0]?.init.headers).toMatchObject({
      authorization: 'Bearer t0k',
      'content-type': 'application/json',
    });
    expect(calls[0]?.init.body).toBe('{"email":"x@y.z"}');
  });

  it('turns the gateway error body into an ApiError with field details', async () => {
    const { fetchFn } = givenFetch(
      jsonResponse(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Request validation failed',
        details: [{ field: 'email', reason: 'email must be an email' }],
      }),
    );
    const error = await createApiClient({ fetchFn })
      .get('/audit', { actorId: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).fieldErrors()).toEqual({ email: 'email must be an email' });
  });

  it('signs out on a 401 to a signed-in request', async () => {
    const { fetchFn } = givenFetch(jsonResponse(401, { statusCode: 401, message: 'Token expired' }));
    const onUnauthorized = jest.fn();
    await expect(
      createApiClient({ token: () => 'old', fetchFn, onUnauthorized }).get('/auth/me'),
    ).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not treat a failed sign-in (no token yet) as an expired session', async () => {
    const { fetchFn } = givenFetch(
      jsonResponse(401, { statusCode: 401, message: 'Invalid email or password' }),
    );
    const onUnauthorized = jest.fn();
    await expect(
      createApiClient({ token: () => null, fetchFn, onUnauthorized }).post('/auth/login', {}),
    ).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('words server-side failures for people', async () => {
    const { fetchFn } = givenFetch(
      jsonResponse(504, { statusCode: 504, message: 'TIMEOUT sys.ping.v1.casework' }),
      jsonResponse(502, 'not json'),
    );
    const sut = createApiClient({ fetchFn });
    await expect(sut.get('/system/services')).rejects.toMatchObject({
      message: 'A hub service took too long to answer. Try again.',
    });
    await expect(sut.get('/system/services')).rejects.toMatchObject({ status: 502 });
  });

  it('reports an unreachable gateway as status 0', async () => {
    const { fetchFn } = givenFetch();
    await expect(createApiClient({ fetchFn }).get('/hub')).rejects.toMatchObject({
      status: 0,
      message: expect.stringContaining('could not be reached'),
    });
  });
});
