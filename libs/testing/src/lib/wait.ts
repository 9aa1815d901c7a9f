import { sleep } from '@linkway/util';

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Named in the timeout error, e.g. "1000 effects applied". */
  what?: string;
}

/**
 * Polls until `check` returns something truthy and returns it. On timeout the error names
 * the condition and the last value seen, which usually says how far things got.
 */
export async function waitUntil<T>(check: () => Promise<T> | T, opts: WaitOptions = {}): Promise<NonNullable<T>> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const intervalMs = opts.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await check();
      if (last) return last as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const seen = lastError ? `last error: ${(lastError as Error).message}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${opts.what ?? 'condition'} (${seen})`);
    }
    await sleep(intervalMs);
  }
}
