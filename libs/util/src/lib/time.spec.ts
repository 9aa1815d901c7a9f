import { TimeoutError } from './errors';
import { sleep, withTimeout } from './time';

describe('withTimeout', () => {
  it('returns the result when the work finishes in time', async () => {
    await expect(withTimeout(sleep(5).then(() => 42), 500, 'work')).resolves.toBe(42);
  });

  it('turns a hang into a TimeoutError naming what timed out', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(withTimeout(never, 20, 'casework.case.get.v1')).rejects.toThrow(
      new TimeoutError('casework.case.get.v1 did not answer within 20 ms'),
    );
  });
});
