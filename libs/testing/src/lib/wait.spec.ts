import { waitUntil } from './wait';

describe(waitUntil.name, () => {
  it('returns the first truthy value', async () => {
    let calls = 0;
    await expect(waitUntil(() => (++calls >= 3 ? { calls } : null), { intervalMs: 1 })).resolves.toEqual({ calls: 3 });
  });

  it('keeps polling through errors', async () => {
    let calls = 0;
    const sut = waitUntil(
      () => {
        calls += 1;
        if (calls < 3) throw new Error('not yet');
        return 'ok';
      },
      { intervalMs: 1 },
    );
    await expect(sut).resolves.toBe('ok');
  });

  it('names the condition and the last value when it times out', async () => {
    await expect(waitUntil(() => 0, { timeoutMs: 30, intervalMs: 5, what: '1000 effects' })).rejects.toThrow(
      'Timed out after 30 ms waiting for 1000 effects (last value: 0)',
    );
  });
});
