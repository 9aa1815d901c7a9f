import { spawnSync } from 'node:child_process';
import { ConsoleLogger } from '@nestjs/common';
import { createLogger } from './logger';

const env = { LOG_LEVEL: 'debug', LOG_FORMAT: 'json' };

describe(createLogger.name, () => {
  let out: jest.SpyInstance;
  let err: jest.SpyInstance;
  beforeEach(() => {
    out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it("writes one turn's JSON lines with one write, each line as Nest's own JSON logger writes it", async () => {
    const logger = createLogger('intake', env);
    logger.log({ msg: 'referral created', referralId: 'r1' }, 'ReferralService');
    logger.warn({ msg: 'slow', durationMs: 12 }, 'ReferralService');
    logger.debug('plain text', 'Relay');
    expect(out).not.toHaveBeenCalled();
    await nextTurn();
    expect(out).toHaveBeenCalledTimes(1);
    const lines = String(out.mock.calls[0][0])
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'log',
        context: 'ReferralService',
        message: { msg: 'referral created', referralId: 'r1' },
      }),
      expect.objectContaining({ level: 'warn', message: { msg: 'slow', durationMs: 12 } }),
      expect.objectContaining({ level: 'debug', context: 'Relay', message: 'plain text' }),
    ]);

    const nest = new ConsoleLogger('intake', { json: true, logLevels: ['log'] });
    out.mockClear();
    nest.log({ msg: 'referral created', referralId: 'r1' }, 'ReferralService');
    const nestLine = JSON.parse(String(out.mock.calls[0][0]));
    expect(Object.keys(lines[0])).toEqual(Object.keys(nestLine));
    expect({ ...lines[0], timestamp: 0 }).toEqual({ ...nestLine, timestamp: 0 });
  });

  it('writes an error to stderr at once, after the lines logged before it', () => {
    const logger = createLogger('intake', env);
    logger.log('before');
    logger.error({ msg: 'broke' }, 'stack', 'Relay');
    expect(out).toHaveBeenCalledTimes(1);
    expect(String(out.mock.calls[0][0])).toContain('"before"');
    expect(err).toHaveBeenCalled();
    expect(out.mock.invocationCallOrder[0]).toBeLessThan(err.mock.invocationCallOrder[0]);
  });

  it('keeps the pending lines of a process that exits in the same turn', () => {
    const script = `
      const { createLogger } = require('./libs/platform/src/lib/logger');
      const logger = createLogger('cli', { LOG_LEVEL: 'log', LOG_FORMAT: 'json' });
      logger.log({ msg: 'last words' });
      process.exit(3);`;
    const run = spawnSync(process.execPath, ['-r', './tools/register.js', '-e', script], {
      cwd: `${__dirname}/../../../..`,
      encoding: 'utf8',
    });
    expect(run.status).toBe(3);
    expect(JSON.parse(run.stdout.trim())).toMatchObject({ level: 'log', message: { msg: 'last words' } });
  });

  it('keeps the pretty format for people at a terminal, written as Nest writes it', () => {
    const logger = createLogger('intake', { LOG_LEVEL: 'log', LOG_FORMAT: 'pretty' });
    logger.log('hello', 'Boot');
    expect(out).toHaveBeenCalledTimes(1);
    expect(String(out.mock.calls[0][0])).toContain('hello');
  });
});
