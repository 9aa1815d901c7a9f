import { createInbox, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from 'nats';
import { TimeoutError, UnavailableError } from '@linkway/util';

interface Pending {
  subject: string;
  resolve: (msg: Msg) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Request/reply over one wildcard inbox subscription, each request's reply subject ending in
 * its own token. It does what nats.js's `request()` does with less per request: nats.js builds
 * a `NatsError` (stack trace and all) for every request it completes, even a successful one
 * (`RequestOne.cancel`), 3 % of the gateway's CPU under load plus the garbage.
 * Fails with UnavailableError when no one serves the subject (the server's no-responders reply)
 * or the connection closes, and with TimeoutError when no answer comes in time.
 */
export class ReplyMux {
  private readonly inbox = createInbox();
  private readonly pending = new Map<string, Pending>();
  private subscription?: Subscription;
  private nextToken = 0;
  private unsent: Array<{ token: string; subject: string; data: Uint8Array; headers?: MsgHdrs }> = [];

  constructor(private readonly nc: NatsConnection) {
    void nc.closed().then(() => this.failAll((subject) => `NATS connection closed before ${subject} answered`));
  }

  request(subject: string, data: Uint8Array, timeoutMs: number, headers?: MsgHdrs): Promise<Msg> {
    return new Promise<Msg>((resolve, reject) => {
      const token = (this.nextToken++).toString(36);
      const timer = setTimeout(() => {
        this.pending.delete(token);
        reject(new TimeoutError(`${subject} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(token, { subject, resolve, reject, timer });
      this.unsent.push({ token, subject, data, headers });
      if (this.unsent.length === 1) setImmediate(this.sendUnsent);
    });
  }

  /**
   * The requests made since the last round, published together: nats.js writes to its socket
   * once per task, and each HTTP request reaching the gateway is its own task, so publishing at
   * once cost a write per request (10 % of the gateway's CPU under load, in the syscall alone).
   */
  private readonly sendUnsent = () => {
    const batch = this.unsent;
    this.unsent = [];
    for (const { token, subject, data, headers } of batch) {
      try {
        this.subscribe();
        this.nc.publish(subject, data, { reply: `${this.inbox}.${token}`, headers });
      } catch (error) {
        // a closed or draining connection: the caller maps it
        this.fail(token, error as Error);
      }
    }
  };

  /** Requests in flight (tests, diagnostics). */
  get inFlight(): number {
    return this.pending.size;
  }

  private subscribe(): void {
    if (this.subscription && !this.subscription.isClosed()) return;
    this.subscription = this.nc.subscribe(`${this.inbox}.*`, {
      callback: (error, msg) => {
        if (error) this.failAll((subject) => `lost the reply subscription for ${subject}: ${error.message}`);
        else this.settle(msg);
      },
    });
  }

  private settle(msg: Msg): void {
    const token = msg.subject.slice(this.inbox.length + 1);
    const pending = this.pending.get(token);
    // a reply after its timeout has nobody waiting
    if (!pending) return;
    this.pending.delete(token);
    clearTimeout(pending.timer);
    if (msg.data.length === 0 && msg.headers?.code === 503)
      pending.reject(new UnavailableError(`no service answers ${pending.subject}`));
    else pending.resolve(msg);
  }

  private fail(token: string, error: Error): void {
    const pending = this.pending.get(token);
    if (!pending) return;
    this.pending.delete(token);
    clearTimeout(pending.timer);
    pending.reject(error);
  }

  private failAll(why: (subject: string) => string): void {
    for (const [token, pending] of this.pending) {
      this.pending.delete(token);
      clearTimeout(pending.timer);
      pending.reject(new UnavailableError(why(pending.subject)));
    }
  }
}
