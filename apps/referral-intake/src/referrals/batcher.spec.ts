import { UnavailableError } from '@linkway/util';
import { Batcher } from './batcher';

/** A runner whose batches finish only when the test says so, recording what it was given. */
function heldRunner() {
  const batches: number[][] = [];
  const finish: Array<() => void> = [];
  const run = (inputs: number[]) =>
    new Promise<number[]>((resolve) => {
      batches.push(inputs);
      finish.push(() => resolve(inputs.map((n) => n * 10)));
    });
  const finishNext = () => finish.shift()?.();
  /** Finishes the running batch (the call `first`), then the batch formed behind it. */
  const finishBoth = async (first: Promise<unknown>) => {
    finishNext();
    await first;
    await sleep(5);
    finishNext();
  };
  return { run, batches, finishNext, finishBoth };
}

const settled = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ value }),
    (error: Error) => ({ error }),
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(Batcher.name, () => {
  it('groups calls that arrive while a batch runs, each caller getting its own answer', async () => {
    const runner = heldRunner();
    const sut = new Batcher(runner.run, 10, 1, 0);

    const first = sut.add(1);
    await sleep(5);
    const rest = [sut.add(2), sut.add(3)];
    await runner.finishBoth(first);

    expect(await Promise.all(rest)).toEqual([20, 30]);
    expect(runner.batches).toEqual([[1], [2, 3]]);
  });

  it('refuses a call at once when maxQueued are waiting, and runs the others', async () => {
    const runner = heldRunner();
    const sut = new Batcher(runner.run, 10, 1, 0, { maxQueued: 2, maxWaitMs: 60_000, busy: 'too busy' });

    const running = sut.add(1);
    await sleep(5);
    const waiting = [sut.add(2), sut.add(3)];
    const refused = await settled(sut.add(4));
    await runner.finishBoth(running);

    expect(refused).toEqual({ error: expect.any(UnavailableError) });
    expect((refused as { error: Error }).error.message).toBe('too busy (2 waiting)');
    expect(await Promise.all(waiting)).toEqual([20, 30]);
    expect(runner.batches.flat()).not.toContain(4);
  });

  it('never runs a call that waited longer than maxWaitMs: refused at the next call though the slot is taken, and not counted', async () => {
    const runner = heldRunner();
    const sut = new Batcher(runner.run, 10, 1, 0, { maxQueued: 1, maxWaitMs: 30, busy: 'too busy' });

    const running = sut.add(1);
    await sleep(5);
    const stale = settled(sut.add(2));
    await sleep(50);
    const fresh = sut.add(3);

    // the one batch slot is still taken, and the queue was full with the call that has gone
    const { error } = (await stale) as { error: Error };
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toMatch(/^too busy \(waited \d+ ms for its turn\)$/);
    await runner.finishBoth(running);
    expect(await fresh).toBe(30);
    expect(runner.batches).toEqual([[1], [3]]);
  });

  it('rejects the callers a runner did not answer instead of leaving them waiting', async () => {
    const sut = new Batcher<number, number>(async (inputs) => inputs.slice(1), 10, 1, 0);

    const calls = [settled(sut.add(1)), settled(sut.add(2))];

    const [answered, unanswered] = await Promise.all(calls);
    expect(answered).toEqual({ value: 2 });
    expect((unanswered as { error: Error }).error.message).toBe('batch answered 1 of 2 rows');
  });
});
