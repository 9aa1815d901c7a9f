import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** The repository root (this file lives in libs/testing/src/lib). */
export const repoRoot = path.resolve(__dirname, '../../../..');

export interface TsChild {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Every stdout line so far. */
  readonly lines: string[];
  /** Resolves with the first line (past or future) matching, or rejects on timeout or exit. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code or signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no handlers, no flush, no goodbye; then waits for the exit. */
  killHard(): Promise<void>;
  /** SIGSTOP: the process holds its sockets but answers nothing. */
  pause(): void;
  /** SIGCONT after pause. */
  resume(): void;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnTsOptions {
  env?: Record<string, string>;
  /** Wait for a stdout line matching this before resolving. */
  readyLine?: RegExp;
  readyTimeoutMs?: number;
  /** Echo the child's stderr (its logs) to ours, for debugging a failing test. */
  echoStderr?: boolean;
}

/**
 * Runs a TypeScript file in a child Node process through tools/register.js (SWC and the
 * tsconfig paths), for tests that kill or pause a real process.
 */
export async function spawnTs(file: string, opts: SpawnTsOptions = {}): Promise<TsChild> {
  const child = spawn(process.execPath, ['-r', path.join(repoRoot, 'tools/register.js'), path.resolve(repoRoot, file)], {
    cwd: repoRoot,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (!child.pid) throw new Error(`Could not spawn ${file}`);
  const lines: string[] = [];
  const waiters = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();
  const stderrTail: string[] = [];
  createInterface({ input: child.stdout as Readable }).on('line', (line) => {
    lines.push(line);
    for (const w of waiters) {
      if (w.pattern.test(line)) {
        waiters.delete(w);
        w.resolve(line);
      }
    }
  });
  createInterface({ input: child.stderr as Readable }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
    if (opts.echoStderr) process.stderr.write(`[${path.basename(file)}] ${line}\n`);
  });
  let isExited = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      isExited = true;
      resolve({ code, signal });
    }),
  );

  const waitForLine = (pattern: RegExp, timeoutMs = 30_000) => {
    const seen = lines.find((l) => pattern.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const waiter = { pattern, resolve: (line: string) => (clearTimeout(timer), resolve(line)) };
      const fail = (why: string) => {
        waiters.delete(waiter);
        reject(new Error(`${path.basename(file)}: ${why} waiting for ${pattern}\n--- stderr tail ---\n${stderrTail.join('\n')}`));
      };
      const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
      waiters.add(waiter);
      void exited.then(({ code, signal }) => {
        if (waiters.has(waiter)) {
          clearTimeout(timer);
          fail(`exited (code ${code}, signal ${signal})`);
        }
      });
    });
  };

  const handle: TsChild = {
    child,
    pid: child.pid,
    lines,
    exited,
    waitForLine,
    killHard: async () => {
      if (!isExited) child.kill('SIGKILL');
      await exited;
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    stop: async (graceMs = 10_000) => {
      if (isExited) return;
      child.kill('SIGCONT'); // a paused process cannot act on SIGTERM
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  if (opts.readyLine) {
    try {
      await waitForLine(opts.readyLine, opts.readyTimeoutMs ?? 60_000);
    } catch (error) {
      await handle.killHard();
      throw error;
    }
  }
  return handle;
}
