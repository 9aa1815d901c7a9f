import { backoffDelayMs, type BackoffPolicy } from './backoff';

describe(backoffDelayMs.name, () => {
  const policy: BackoffPolicy = { initialMs: 100, maxMs: 1_000, jitter: 0 };

  it('doubles from the initial delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, policy))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('treats attempt 0 or less as the first retry and stays finite for huge attempts', () => {
    expect(backoffDelayMs(0, policy)).toBe(100);
    expect(backoffDelayMs(10_000, policy)).toBe(1_000);
  });

  it('spreads delays by the jitter share but never beyond the cap', () => {
    const jittery = { ...policy, jitter: 0.2 };
    expect(backoffDelayMs(2, jittery, () => 0)).toBe(160);
    expect(backoffDelayMs(2, jittery, () => 1)).toBe(240);
    expect(backoffDelayMs(5, jittery, () => 1)).toBe(1_000);
  });
});
