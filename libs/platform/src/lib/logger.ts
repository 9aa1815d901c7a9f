import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { loadConfig, LogConfig } from '@linkway/config';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

type Stream = 'stdout' | 'stderr';

/**
 * JSON log lines of one event-loop turn, written to stdout with one write instead of one each.
 * A pipe (a container's log driver, a supervisor) is written synchronously on Linux, so under
 * load a write per line cost a system call per request in every service. Errors and fatals go
 * to stderr at once, after the lines before them; what is pending is written when the process
 * exits, so a crash keeps its last lines.
 */
class LineBatch {
  private lines: string[] = [];
  private scheduled = false;

  constructor() {
    process.once('exit', () => this.flush());
  }

  add(stream: Stream, line: string): void {
    if (stream === 'stderr') {
      this.flush();
      process.stderr.write(line);
      return;
    }
    this.lines.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (!this.lines.length) return;
    const text = this.lines.join('');
    this.lines = [];
    process.stdout.write(text);
  }
}

let batch: LineBatch | undefined;

/** Nest's JSON log lines, unchanged, written through the turn's batch. */
class BatchedJsonLogger extends ConsoleLogger {
  protected override printAsJson(
    message: unknown,
    options: { context: string; logLevel: LogLevel; writeStreamType?: Stream; errorStack?: unknown },
  ): void {
    const line = this.stringifyJsonLogObject(this.getJsonLogObject(message, options));
    (batch ??= new LineBatch()).add(options.writeStreamType ?? 'stdout', `${line}\n`);
  }
}

/**
 * Structured logs: one JSON object per line with level, time, context and the fields a
 * caller passes as an object (`logger.log({ msg, referralId, durationMs })`).
 */
export function createLogger(
  service: string,
  env: Record<string, string | undefined> = process.env,
): ConsoleLogger {
  const config = loadConfig('log', LogConfig, env);
  const upTo = LEVELS.indexOf(config.LOG_LEVEL as LogLevel);
  const json = config.LOG_FORMAT === 'json';
  const options = { json, colors: config.LOG_FORMAT === 'pretty', logLevels: LEVELS.slice(0, upTo + 1) };
  return json ? new BatchedJsonLogger(service, options) : new ConsoleLogger(service, options);
}
