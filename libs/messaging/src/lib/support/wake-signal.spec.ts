import { WakeSignal } from './wake-signal';

describe(WakeSignal.name, () => {
  it('returns at once when notified before the wait', async () => {
    const sut = new WakeSignal();
    sut.notify();
    const started = Date.now();
    await sut.wait(5_000);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('wakes a waiter on notify and otherwise after the timeout', async () => {
    const sut = new WakeSignal();
    const woken = sut.wait(5_000);
    setTimeout(() => sut.notify(), 10);
    await woken;
    const started = Date.now();
    await sut.wait(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
