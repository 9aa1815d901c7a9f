/**
 * Groups single calls into batches for a bulk operation: a call joins the open batch, which
 * runs when it is full or `lingerMs` after its first call (0: on the event loop's next turn,
 * so a lone call waits for nothing); at most `parallel` batches run at once, and calls that
 * arrive meanwhile form the next. Each caller gets its own row's answer or error.
 */
export class Batcher<In, Out> {
  private queue: Array<{ input: In; resolve: (out: Out) => void; reject: (error: Error) => void }> = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Array<Out | Error>>,
    private readonly size: number,
    private readonly parallel: number,
    private readonly lingerMs = 5,
  ) {}

  add(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
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
    while (this.running < this.parallel && this.queue.length > 0) {
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
}
