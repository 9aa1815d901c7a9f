import { Controller, Get, Logger, Module } from '@nestjs/common';
import { Public } from '../auth/decorators';
import { type GatewayHarness, startGateway } from '../test-fixtures/gateway-test-app';

/** Test-only: a handler with a bug in it. */
@Controller('test-bug')
class BuggyController {
  @Get()
  @Public()
  explode(): never {
    throw new TypeError('secret connection string postgres://user:pw@db leaked into a message');
  }
}

@Module({ controllers: [BuggyController] })
class BuggyModule {}

describe('gateway HTTP surface (integration)', () => {
  let sut: GatewayHarness;

  beforeAll(async () => {
    sut = await startGateway('gw-http', { env: { HTTP_BODY_LIMIT_BYTES: '2048' }, imports: [BuggyModule] });
  });

  afterAll(() => sut?.close());

  it('GET /health is public, outside /api/v1, and checks Postgres, Redis and NATS', async () => {
    const response = await sut.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      info: { postgres: { status: 'up' }, redis: { status: 'up' }, nats: { status: 'up' } },
    });
  });

  it('answers an unknown route with a 404 in the standard shape', async () => {
    const response = await sut.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /api/v1/no-such-thing',
      details: [],
    });
  });

  it('answers an unexpected error with 500 "Internal error" and an error id that is logged, never the cause', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const response = await sut.app.inject({ method: 'GET', url: '/api/v1/test-bug' });
      expect(response.statusCode).toBe(500);
      const body = response.json();
      expect(body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal error',
        details: [
          {
            field: 'errorId',
            reason: expect.stringMatching(/^quote [0-9a-f-]{36} when reporting this error$/),
          },
        ],
      });
      expect(response.body).not.toContain('postgres://');
      const errorId = /quote (\S+)/.exec(body.details[0].reason)?.[1];
      expect(logged).toHaveBeenCalledWith(
        expect.objectContaining({
          msg: 'unexpected error',
          errorId,
          requestId: response.headers['x-request-id'],
          stack: expect.any(String),
        }),
      );
    } finally {
      logged.mockRestore();
    }
  });

  it('answers a body over HTTP_BODY_LIMIT_BYTES with a 413 in the standard shape', async () => {
    const response = await sut.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: `${'a'.repeat(4000)}@x.org`, password: 'x' }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'Request body is too large',
      details: [],
    });
  });

  it('answers malformed JSON with a 400 in the standard shape', async () => {
    const response = await sut.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', details: [] });
  });

  it('keeps a sane caller request id and makes one otherwise', async () => {
    const given = await sut.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'trace-0123456789' },
    });
    expect(given.headers['x-request-id']).toBe('trace-0123456789');
    const made = await sut.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one structured line per request, without query string, body or token', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      const response = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login?next=secret-token',
        headers: { authorization: 'Bearer abc.def.ghi' },
        payload: { email: 'who@test.linkway.test', password: 'a-password' },
      });
      await new Promise((resolve) => setImmediate(resolve));
      const lines = logged.mock.calls
        .map(([message]) => message)
        .filter((m) => (m as { msg?: string })?.msg === 'request');
      expect(lines).toEqual([
        {
          msg: 'request',
          requestId: response.headers['x-request-id'],
          method: 'POST',
          path: '/api/v1/auth/login',
          status: 401,
          durationMs: expect.any(Number),
          actorId: undefined,
        },
      ]);
      const everything = JSON.stringify(logged.mock.calls);
      expect(everything).not.toContain('a-password');
      expect(everything).not.toContain('abc.def.ghi');
      expect(everything).not.toContain('secret-token');
    } finally {
      logged.mockRestore();
    }
  });

  it('sets helmet security headers, on errors too', async () => {
    for (const url of ['/health', '/api/v1/no-such-route']) {
      const response = await sut.app.inject({ method: 'GET', url });
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['strict-transport-security']).toContain('max-age=');
      const csp = String(response.headers['content-security-policy']).split(';');
      expect(csp).toEqual(expect.arrayContaining(["default-src 'self'", "style-src 'self' 'unsafe-inline'"]));
      expect(csp).not.toContain('upgrade-insecure-requests');
    }
  });

  it('serves OpenAPI at /api/docs with bearer auth and the /api/v1 routes', async () => {
    const ui = await sut.app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
    const json = await sut.app.inject({ method: 'GET', url: '/api/docs-json' });
    expect(json.statusCode).toBe(200);
    const document = json.json();
    expect(document.components.securitySchemes).toHaveProperty('bearer');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/auth/me',
        '/api/v1/accounts',
        '/api/v1/accounts/{id}',
        '/api/v1/audit',
        '/health',
      ]),
    );
    // bodies typed by a libs/contracts class carry its validation rules (no @ApiProperty there)
    const service = document.components.schemas.ServiceBody;
    expect(service.properties.name).toMatchObject({ type: 'string', minLength: 1, maxLength: 300 });
    expect(service.properties.organizationId).toHaveProperty('pattern');
    expect(service.properties.status).toHaveProperty('enum');
    expect(Object.keys(service.properties).length).toBeGreaterThan(10);
  });
});
