import { resolveService, redact, withDatabase } from '../lib/resolve';

type Probe = (kind: string, url: string) => Promise<string | null>;

const answering =
  (...urls: string[]): Probe =>
  async (_kind, url) =>
    urls.includes(url) ? null : 'connect ECONNREFUSED';

describe('resolveService', () => {
  const start = jest.fn(async () => ({ url: 'redis://127.0.0.1:40001' }));
  beforeEach(() => start.mockClear());

  it('uses the URL from the environment when it answers, without probing defaults or starting', async () => {
    const sut = await resolveService('redis', { envUrl: 'redis://db:6379', candidates: ['redis://127.0.0.1:6379'], start, probe: answering('redis://db:6379', 'redis://127.0.0.1:6379') });

    expect(sut).toMatchObject({ url: 'redis://db:6379', how: 'env' });
    expect(start).not.toHaveBeenCalled();
  });

  it('fails loudly, naming the variable, when the environment URL does not answer', async () => {
    await expect(resolveService('postgres', { envUrl: 'postgres://u:secret@db:5432/x', candidates: [], start, probe: answering() })).rejects.toThrow(
      /DATABASE_URL=postgres:\/\/u:\*\*\*@db:5432\/x does not answer as Postgres: connect ECONNREFUSED/,
    );
    expect(start).not.toHaveBeenCalled();
  });

  it('reuses the first candidate that answers', async () => {
    const sut = await resolveService('nats', { candidates: ['nats://127.0.0.1:4222', 'nats://127.0.0.1:41000'], start, probe: answering('nats://127.0.0.1:41000') });

    expect(sut).toMatchObject({ url: 'nats://127.0.0.1:41000', how: 'reused' });
    expect(start).not.toHaveBeenCalled();
  });

  it('starts a server when nothing answers', async () => {
    const sut = await resolveService('redis', { candidates: ['redis://127.0.0.1:6379'], start, probe: answering() });

    expect(sut).toMatchObject({ url: 'redis://127.0.0.1:40001', how: 'started' });
    expect(start).toHaveBeenCalledTimes(1);
  });
});

describe('url helpers', () => {
  it('redacts passwords and swaps database names', () => {
    expect(redact('postgres://app:pw@h:5432/db')).toBe('postgres://app:***@h:5432/db');
    expect(withDatabase('postgres://postgres@127.0.0.1:5432', 'linkway_hub2')).toBe('postgres://postgres@127.0.0.1:5432/linkway_hub2');
    expect(withDatabase('postgres://postgres@127.0.0.1:5432/other?sslmode=disable', 'linkway_test')).toBe('postgres://postgres@127.0.0.1:5432/linkway_test?sslmode=disable');
  });
});
