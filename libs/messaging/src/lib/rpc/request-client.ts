import { Logger } from '@nestjs/common';
import { headers as natsHeaders, type NatsConnection } from 'nats';
import type { NatsConfig } from '@linkway/config';
import type { RequestOf, RequestSubject, ResponseOf } from '@linkway/contracts';
import { uuidv7 } from '@linkway/util';
import { ReplyMux } from './reply-mux';
import { type JsonText, decodeReply, encodeRequest, replyJson, requestFailure } from './wire';

export interface RequestOptions {
  /** Overrides the client's default (NATS_REQUEST_TIMEOUT_MS). */
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/**
 * Request/reply to `@MessagePattern` handlers of other services, over the shared NATS
 * connection. Always bounded by a timeout; failures are typed:
 *  - nobody serves the subject     → UnavailableError (at once; the gateway answers 503)
 *  - no answer within the timeout  → TimeoutError (the gateway answers 504)
 *  - the handler threw             → RemoteError with the remote code, message and details
 *
 * In Nest: `{ provide: RequestClient, inject: [NATS_CONNECTION, ConfigService],
 * useFactory: (nc, c) => new RequestClient(nc, c.getOrThrow('nats')) }`.
 */
export class RequestClient {
  private readonly logger = new Logger(RequestClient.name);
  private readonly timeoutMs: number;
  private readonly replies: ReplyMux;

  constructor(nc: NatsConnection, config: Partial<Pick<NatsConfig, 'NATS_REQUEST_TIMEOUT_MS'>> = {}) {
    this.timeoutMs = config.NATS_REQUEST_TIMEOUT_MS ?? 5_000;
    this.replies = new ReplyMux(nc);
  }

  request<S extends RequestSubject>(
    subject: S,
    payload: RequestOf<S>,
    opts?: RequestOptions,
  ): Promise<ResponseOf<S>> {
    return this.requestUntyped<ResponseOf<S>>(subject, payload, opts);
  }

  /**
   * The unchecked form, for subjects built at run time (tests with a suite prefix).
   * Application code uses `request`, typed by the contracts' RequestMap.
   */
  async requestUntyped<R>(subject: string, payload: unknown, opts: RequestOptions = {}): Promise<R> {
    const { data } = await this.send(subject, payload, opts);
    return decodeReply<R>(data, subject);
  }

  /**
   * The response as the JSON text the service wrote, for a caller that only passes it on (an
   * HTTP read route): no parse and stringify in between. Errors throw as from `request`.
   */
  async requestJson<S extends RequestSubject>(
    subject: S,
    payload: RequestOf<S>,
    opts: RequestOptions = {},
  ): Promise<JsonText<ResponseOf<S>>> {
    const { data, id } = await this.send(subject, payload, opts);
    return replyJson<ResponseOf<S>>(data, subject, id);
  }

  private async send(
    subject: string,
    payload: unknown,
    opts: RequestOptions,
  ): Promise<{ data: Uint8Array; id: string }> {
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const id = uuidv7();
    const started = Date.now();
    let headers;
    if (opts.headers) {
      headers = natsHeaders();
      for (const [k, v] of Object.entries(opts.headers)) headers.set(k, v);
    }
    let reply;
    try {
      reply = await this.replies.request(
        subject,
        encodeRequest({ pattern: subject, data: payload, id }),
        timeoutMs,
        headers,
      );
    } catch (error) {
      const failure = requestFailure(error, subject);
      this.logger.warn({
        msg: 'request failed',
        subject,
        requestId: id,
        error: failure.name,
        durationMs: Date.now() - started,
      });
      throw failure;
    }
    return { data: reply.data, id };
  }
}
