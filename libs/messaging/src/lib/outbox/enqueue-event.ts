import type { EntityManager } from 'typeorm';
import type { EventOf, EventSubject } from '@linkway/contracts';
import { uuidv7 } from '@linkway/util';
import { markOutboxWritten } from './commit-wake';

export interface EnqueueOptions {
  /**
   * Defaults to a fresh UUIDv7. A command with an idempotency key may pass an id derived from
   * it: a retry then fails on the outbox primary key and rolls back, instead of enqueueing twice.
   */
  id?: string;
  /** Extra NATS headers, e.g. a correlation id. `Nats-Msg-Id` is set by the relay. */
  headers?: Record<string, string>;
}

/**
 * Writes a domain event to the outbox in the caller's transaction: the event is published
 * if and only if the state change commits. Returns the event id, which becomes the
 * message's `Nats-Msg-Id` and each consumer's inbox key.
 */
export function enqueueEvent<S extends EventSubject>(
  manager: EntityManager,
  subject: S,
  payload: EventOf<S>,
  opts?: EnqueueOptions,
): Promise<string> {
  return enqueueUntypedEvent(manager, subject, payload, opts);
}

/**
 * The unchecked form of `enqueueEvent`, for subjects built at run time (tests with a
 * per-suite prefix, replay tools). Application code uses `enqueueEvent`.
 */
export async function enqueueUntypedEvent(
  manager: EntityManager,
  subject: string,
  payload: unknown,
  opts: EnqueueOptions = {},
): Promise<string> {
  // Outside a transaction the event could commit without its state change, or the reverse.
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) {
    throw new Error(`enqueueEvent(${subject}) must run inside the transaction that changes the state`);
  }
  const id = opts.id ?? uuidv7();
  await manager.query(`INSERT INTO outbox (id, subject, payload, headers) VALUES ($1, $2, $3::jsonb, $4::jsonb)`, [
    id,
    subject,
    JSON.stringify(payload ?? null),
    JSON.stringify(opts.headers ?? {}),
  ]);
  // wakes this process's relay when the transaction commits (see commit-wake.ts)
  markOutboxWritten(manager);
  return id;
}

/** `enqueueEvent` as an injectable object, for code that prefers a collaborator to a function. */
export class OutboxWriter {
  enqueue<S extends EventSubject>(
    manager: EntityManager,
    subject: S,
    payload: EventOf<S>,
    opts?: EnqueueOptions,
  ): Promise<string> {
    return enqueueEvent(manager, subject, payload, opts);
  }
}
