import { Logger } from '@nestjs/common';
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  type JetStreamManager,
  nanos,
  NatsError,
  RetentionPolicy,
  StorageType,
  type NatsConnection,
} from 'nats';
import { STREAMS } from '@linkway/contracts';

const logger = new Logger('JetStreamSetup');

/** JetStream API error codes we react to (see nats-server's errors.json). */
const JS_STREAM_NOT_FOUND = 10059;
const JS_CONSUMER_NOT_FOUND = 10014;
const JS_STREAM_NAME_IN_USE = 10058;

export interface StreamSpec {
  name: string;
  subjects: string[];
  /**
   * How long JetStream remembers a `Nats-Msg-Id`. A relay republishing a row after a crash
   * within this window is dropped as a duplicate; beyond it, the consumers' inboxes catch it.
   */
  duplicateWindowMs?: number;
  /** 0 keeps messages until limits; events are facts, so the default keeps them 30 days. */
  maxAgeMs?: number;
  replicas?: number;
}

export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60_000;
const DEFAULT_MAX_AGE_MS = 30 * 24 * 3600_000;

const apiErrorCode = (error: unknown): number | undefined =>
  error instanceof NatsError ? error.api_error?.err_code : undefined;

/** The JetStream manager of the hub's domain ('' = the server's own JetStream). */
export function jetStreamManager(nc: NatsConnection, domain = ''): Promise<JetStreamManager> {
  return nc.jetstreamManager(domain ? { domain } : {});
}

/**
 * Creates the stream or brings its settings up to date; safe to call from every replica at
 * every start. File storage: events are facts and must survive a server restart.
 */
export async function ensureStream(jsm: JetStreamManager, spec: StreamSpec): Promise<'created' | 'updated'> {
  const settings = {
    subjects: spec.subjects,
    duplicate_window: nanos(spec.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
    max_age: nanos(spec.maxAgeMs ?? DEFAULT_MAX_AGE_MS),
    num_replicas: spec.replicas ?? 1,
  };
  try {
    await jsm.streams.info(spec.name);
  } catch (error) {
    if (apiErrorCode(error) !== JS_STREAM_NOT_FOUND) throw error;
    try {
      await jsm.streams.add({
        name: spec.name,
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        discard: DiscardPolicy.Old,
        ...settings,
      });
      logger.log({ msg: 'stream created', stream: spec.name, subjects: spec.subjects });
      return 'created';
    } catch (addError) {
      // another replica created it between our lookup and our add: fall through to update
      if (apiErrorCode(addError) !== JS_STREAM_NAME_IN_USE) throw addError;
    }
  }
  await jsm.streams.update(spec.name, settings);
  return 'updated';
}

export interface HubStreamNames {
  events: StreamSpec;
  deadLetters: StreamSpec;
}

/**
 * The hub's event and dead-letter streams. `prefix` puts both under a test suite's own
 * subjects (`<prefix>.evt.>`, `<prefix>.dlq.>`) and `suffix` makes the stream names unique.
 */
export function hubStreamSpecs(opts: { prefix?: string; nameSuffix?: string } = {}): HubStreamNames {
  const sub = (s: string) => (opts.prefix ? `${opts.prefix}.${s}` : s);
  const name = (n: string) => (opts.nameSuffix ? `${n}_${opts.nameSuffix}`.toUpperCase() : n);
  return {
    events: { name: name(STREAMS.HUB_EVENTS.name), subjects: STREAMS.HUB_EVENTS.subjects.map(sub) },
    deadLetters: { name: name(STREAMS.DEAD_LETTERS.name), subjects: STREAMS.DEAD_LETTERS.subjects.map(sub) },
  };
}

/** Ensures both hub streams; services call it at start before relaying or consuming. */
export async function ensureHubStreams(jsm: JetStreamManager, specs: HubStreamNames = hubStreamSpecs()): Promise<void> {
  await ensureStream(jsm, specs.events);
  await ensureStream(jsm, specs.deadLetters);
}

export interface DurableConsumerSpec {
  stream: string;
  /** Durable name: one per consuming service and purpose, e.g. `casework-referral-accepted`. */
  name: string;
  filterSubject: string;
  /** A delivery not acknowledged within this is redelivered (crash, hang). */
  ackWaitMs: number;
  /** Server-side ceiling on deliveries; the consumer dead-letters earlier (see InboxConsumer). */
  maxDeliver: number;
  /** Deliveries in flight at once for this consumer across all replicas. */
  maxAckPending?: number;
}

/** Creates the durable pull consumer or updates what may change (ack wait, deliveries). */
export async function ensureDurableConsumer(jsm: JetStreamManager, spec: DurableConsumerSpec): Promise<void> {
  const updatable = {
    ack_wait: nanos(spec.ackWaitMs),
    max_deliver: spec.maxDeliver,
    max_ack_pending: spec.maxAckPending ?? 1000,
  };
  try {
    const info = await jsm.consumers.info(spec.stream, spec.name);
    if (info.config.filter_subject !== spec.filterSubject) {
      throw new Error(
        `Consumer ${spec.name} on ${spec.stream} filters "${info.config.filter_subject}", not "${spec.filterSubject}": ` +
          'a durable consumer cannot change its subject; give the new one a new name',
      );
    }
    await jsm.consumers.update(spec.stream, spec.name, updatable);
    return;
  } catch (error) {
    if (apiErrorCode(error) !== JS_CONSUMER_NOT_FOUND) throw error;
  }
  await jsm.consumers.add(spec.stream, {
    durable_name: spec.name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: spec.filterSubject,
    ...updatable,
  });
  logger.log({ msg: 'consumer created', stream: spec.stream, consumer: spec.name, filterSubject: spec.filterSubject });
}
