import { appPlan } from '../lib/plan';

function infraFor(hubs: number) {
  const list = Array.from({ length: hubs }, (_, i) => ({
    id: `hub${i + 1}`,
    n: i + 1,
    natsUrl: `nats://127.0.0.1:${4301 + i}`,
    jsDomain: `hub${i + 1}`,
    databaseUrl: `postgres://postgres@127.0.0.1:5432/linkway_hub${i + 1}`,
    redisUrl: 'redis://127.0.0.1:6379',
    redisPrefix: `linkway:hub${i + 1}`,
  }));
  return { hubs: list, ics: { url: 'nats://127.0.0.1:4300' }, redis: { url: 'redis://127.0.0.1:6379' }, federationDatabaseUrl: 'postgres://postgres@127.0.0.1:5432/linkway_federation' };
}

describe('appPlan', () => {
  it('puts hub N gateway on 3000+N-1, the federation on 3100 and services on 3200+10(N-1)+k', () => {
    const sut = appPlan(infraFor(2));
    const port = (label: string) => sut.find((p: { label: string }) => p.label === label)?.port;

    expect(port('hub1/gateway')).toBe(3000);
    expect(port('hub2/gateway')).toBe(3001);
    expect(port('hub1/referral-intake')).toBe(3201);
    expect(port('hub1/outcomes')).toBe(3204);
    expect(port('hub2/casework')).toBe(3212);
    expect(port('ics/federation')).toBe(3100);
    expect(sut).toHaveLength(11);
  });

  it('never gives two processes the same port, with three hubs', () => {
    const ports = appPlan(infraFor(3)).map((p: { port: number }) => p.port);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it("points each hub's apps at the hub's own NATS domain, database and Redis prefix", () => {
    const hub2 = appPlan(infraFor(2)).filter((p: { hub: string | null }) => p.hub === 'hub2');

    for (const p of hub2) {
      expect(p.env).toMatchObject({
        HUB_ID: 'hub2',
        NATS_URL: 'nats://127.0.0.1:4302',
        NATS_JS_DOMAIN: 'hub2',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/linkway_hub2',
        REDIS_PREFIX: 'linkway:hub2',
        PORT: String(p.port),
      });
    }
  });

  it('connects the federation to the ICS server and its own database', () => {
    const fed = appPlan(infraFor(2)).find((p: { app: string }) => p.app === 'federation');
    expect(fed?.env).toMatchObject({ NATS_URL: 'nats://127.0.0.1:4300', NATS_JS_DOMAIN: 'ics', DATABASE_URL: expect.stringMatching(/\/linkway_federation$/) });
  });
});
