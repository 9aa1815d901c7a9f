import type { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * A pass that runs once at start and then every `everyMs`, timed from the end of the last one so
 * passes never overlap; a failed pass is logged and the next one comes on time. The job
 * reconcilers put back from Postgres what Redis lost with it.
 */
export abstract class RepeatingPass implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  protected constructor(
    private readonly name: string,
    private readonly everyMs: number,
  ) {}

  /** One pass; public so tests and tools can run it on demand. */
  abstract reconcile(): Promise<unknown>;

  onApplicationBootstrap() {
    // not awaited: a Redis that is still coming back must not hold up the service's start
    void this.round();
  }

  onApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async round(): Promise<void> {
    try {
      await this.reconcile();
    } catch (error) {
      if (!this.stopped) this.logger.warn({ msg: `${this.name} failed`, error: (error as Error).message });
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.round(), this.everyMs);
  }
}
