import { Controller, Get, Module, Param } from '@nestjs/common';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { RequestClient } from '@linkway/messaging';
import { messagingNames, testUrls } from '@linkway/testing';
import { Public } from '../auth/decorators';
import { bearer, type GatewayHarness, startGateway } from '../test-fixtures/gateway-test-app';
import { SystemModule } from './system.module';

const names = messagingNames('gw-system');
const PROBE_TIMEOUT_MS = 400;
const codec = JSONCodec<Record<string, unknown>>();

/** Test-only: requests a suite-private subject through the gateway's RequestClient and error filter. */
@Controller('test-probe')
class ProbeController {
  constructor(private readonly requests: RequestClient) {}

  @Get(':name')
  @Public()
  probe(@Param('name') name: string) {
    return this.requests.requestUntyped(
      `${names.subjectPrefix}.${name}`,
      { from: 'probe' },
      { timeoutMs: PROBE_TIMEOUT_MS },
    );
  }
}

@Module({ imports: [SystemModule], controllers: [ProbeController] })
class ProbeModule {}

describe('gateway NATS request mapping (integration)', () => {
  let sut: GatewayHarness;
  let nats: NatsConnection;

  beforeAll(async () => {
    sut = await startGateway('gw-system', { imports: [ProbeModule] });
    nats = await connect({ servers: testUrls().nats, name: 'gw-system-test' });
    // answers like a Nest @MessagePattern handler: { id, response | err, isDisposed }
    nats.subscribe(`${names.subjectPrefix}.ok`, {
      callback: (_, msg) => {
        const request = codec.decode(msg.data);
        msg.respond(codec.encode({ id: request.id, response: { echo: request.data }, isDisposed: true }));
      },
    });
    nats.subscribe(`${names.subjectPrefix}.missing`, {
      callback: (_, msg) => {
        const request = codec.decode(msg.data);
        const err = {
          code: 'NOT_FOUND',
          message: 'Referral r1 was not found',
          details: [{ field: 'referralId', reason: 'unknown' }],
        };
        msg.respond(codec.encode({ id: request.id, err, isDisposed: true }));
      },
    });
    // takes requests and never answers: a hung (e.g. SIGSTOPped) service
    nats.subscribe(`${names.subjectPrefix}.silent`, { callback: () => undefined });
    await nats.flush();
  });

  afterAll(async () => {
    await nats?.drain();
    await sut?.close();
  });

  const probe = (name: string) => sut.app.inject({ method: 'GET', url: `/api/v1/test-probe/${name}` });

  it('returns the reply of a service that answers', async () => {
    const response = await probe('ok');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ echo: { from: 'probe' } });
  });

  it('maps "no responders" to 503 at once, in the standard shape', async () => {
    const started = Date.now();
    const response = await probe('nobody');
    expect(Date.now() - started).toBeLessThan(PROBE_TIMEOUT_MS);
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: `no service answers ${names.subjectPrefix}.nobody`,
      details: [],
    });
  });

  it('maps a timeout to 504 after the timeout, in the standard shape', async () => {
    const started = Date.now();
    const response = await probe('silent');
    expect(Date.now() - started).toBeGreaterThanOrEqual(PROBE_TIMEOUT_MS - 20);
    expect(response.statusCode).toBe(504);
    expect(response.json()).toEqual({
      statusCode: 504,
      error: 'Gateway Timeout',
      message: `${names.subjectPrefix}.silent did not answer within ${PROBE_TIMEOUT_MS} ms`,
      details: [],
    });
  });

  it("maps a service's domain error by its code", async () => {
    const response = await probe('missing');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Referral r1 was not found',
      details: [{ field: 'referralId', reason: 'unknown' }],
    });
  });

  it('GET /api/v1/system/services reports every hub service, up or not', async () => {
    const admin = await sut.givenAccount('admin');
    const response = await sut.app.inject({
      method: 'GET',
      url: '/api/v1/system/services',
      headers: bearer(admin.token),
    });
    expect(response.statusCode).toBe(200);
    const statuses = response.json<Array<{ service: string; status: string }>>();
    expect(statuses.map((s) => s.service)).toEqual([
      'referral-intake',
      'casework',
      'partner-directory',
      'outcomes',
    ]);
    for (const s of statuses) expect(['up', 'unavailable', 'timeout', 'error']).toContain(s.status);

    const unknown = await sut.app.inject({
      method: 'GET',
      url: '/api/v1/system/services/nope/ping',
      headers: bearer(admin.token),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details).toEqual([
      { field: 'service', reason: expect.stringContaining('must be one of') },
    ]);
  });
});
