import { UnavailableError } from '@linkway/util';

/** How much may wait, and for how long, before a call is refused instead of queued or run. */
export interface QueueLimits {
  /** Calls waiting for their batch; one more is refused at once. */
  maxQueued: number;
  /**
   * A call that waited longer for its batch is refused, not run: its caller has given up. Only
   * the wait in the queue counts; a call whose batch has started runs to its end.
   */
  maxWaitMs: number;
  /** What a refused caller is told; the reason follows in brackets. */
  busy: string;
}

const UNBOUNDED: QueueLimits = { maxQueued: Infinity, maxWaitMs: Infinity, busy: 'busy' };

interface Waiting<In, Out> {
  input: In;
  since: number;
  resolve: (out: Out) => void;
  reject: (error: Error) => void;
}

/**
 * Groups single calls into batches for a bulk operation: a call joins the open batch, which
 * runs when it is full or `lingerMs` after its first call (0: on the event loop's next turn,
 * so a lone call waits for nothing); at most `parallel` batches run at once, and calls that
 * arrive meanwhile form the next. Each caller gets its own row's answer or error.
 * Under overload the queue is bounded (`limits`): refused calls get an UnavailableError and
 * are never run, so what the caller was told (try again) is what happened (nothing done).
 */
export class Batcher<In, Out> {
  private queue: Array<Waiting<In, Out>> = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Array<Out | Error>>,
    private readonly size: number,
    private readonly parallel: number,
    private readonly lingerMs = 5,
    private readonly limits: QueueLimits = UNBOUNDED,
  ) {}

  add(input: In): Promise<Out> {
    // callers that have gone do not count against the bound, nor wait for a free slot to hear so
    this.refuseStale();
    if (this.queue.length >= this.limits.maxQueued) {
      return Promise.reject(new UnavailableError(`${this.limits.busy} (${this.queue.length} waiting)`));
    }
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, since: performance.now(), resolve, reject });
      if (this.queue.length >= this.size) this.drain();
      else if (!this.scheduled) {
        this.scheduled = true;
        const run = () => {
          this.scheduled = false;
          this.drain();
        };
        if (this.lingerMs > 0) setTimeout(run, this.lingerMs);
        else setImmediate(run);
      }
    });
  }

  private drain(): void {
    while (this.running < this.parallel && this.refuseStale() > 0) {
      const batch = this.queue.splice(0, this.size);
      this.running++;
      this.run(batch.map((b) => b.input))
        .then(
          (outs) =>
            batch.forEach(({ resolve, reject }, k) => {
              const out = outs[k];
              if (out instanceof Error) reject(out);
              else if (k < outs.length) resolve(out as Out);
              // a runner that answered fewer rows must not leave a caller waiting for ever
              else reject(new Error(`batch answered ${outs.length} of ${batch.length} rows`));
            }),
          (error: unknown) => batch.forEach((b) => b.reject(error as Error)),
        )
        .finally(() => {
          this.running--;
          this.drain();
        });
    }
  }

  /** Refuses the calls at the head that waited too long (the oldest are first); what is left. */
  private refuseStale(): number {
    const now = performance.now();
    const oldest = now - this.limits.maxWaitMs;
    let stale = 0;
    while (stale < this.queue.length && this.queue[stale].since < oldest) stale++;
    for (const { since, reject } of this.queue.splice(0, stale)) {
      reject(new UnavailableError(`${this.limits.busy} (waited ${Math.round(now - since)} ms for its turn)`));
    }
    return this.queue.length;
  }
}
