import { sleep } from '@linkway/util';
import { spawnTs } from './child-process';

describe(spawnTs.name, () => {
  it('waits for the ready line, then pauses, resumes and kills the real process', async () => {
    const sut = await spawnTs('libs/testing/src/test-fixtures/ticker.process.ts', { env: { GREETING: 'hello' }, readyLine: /^ready/ });
    try {
      expect(sut.lines[0]).toBe('ready hello');
      await sut.waitForLine(/^tick 3$/, 5_000);

      sut.pause();
      await sleep(100); // a tick already on its way may still arrive
      const frozenAt = sut.lines.length;
      await sleep(300);
      expect(sut.lines.length).toBe(frozenAt);

      sut.resume();
      await sut.waitForLine(new RegExp(`^tick ${frozenAt + 2}$`), 5_000);

      await sut.killHard();
      await expect(sut.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' });
    } finally {
      await sut.killHard();
    }
  });

  it('rejects with the stderr tail when the process dies before it is ready', async () => {
    await expect(spawnTs('libs/testing/src/test-fixtures/does-not-exist.ts', { readyLine: /^ready/ })).rejects.toThrow(/exited \(code 1/);
  });
});
