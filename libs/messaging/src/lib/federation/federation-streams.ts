import { Logger } from '@nestjs/common';
import {
  DiscardPolicy,
  type JetStreamManager,
  nanos,
  NatsError,
  RetentionPolicy,
  type StreamSource,
  StorageType,
} from 'nats';
import { STREAMS } from '@linkway/contracts';
import { ensureStream, type StreamSpec } from '../jetstream/jetstream-setup';

const logger = new Logger('FederationStreams');

const JS_STREAM_NOT_FOUND = 10059;
const JS_STREAM_NAME_IN_USE = 10058;

/** Snapshots are small and few; a year keeps every period a hub may still correct. */
const FEDERATION_MAX_AGE_MS = 400 * 24 * 3600_000;

/**
 * The hub side: FEDERATION_OUT in the hub's own JetStream domain, capturing only this hub's
 * federation subjects (`fed.*.<hubId>`). Not `fed.>`: hubs and the ICS share one account over
 * the leaf links, so a stream listening on `fed.>` would also capture every other hub's
 * snapshots as they cross the ICS (and ack their publishes), copying them into FEDERATION_IN
 * twice. The outcomes service calls it at start before relaying snapshots; the stream lives in
 * the hub, so it survives an ICS outage.
 */
export function federationOutSpec(
  opts: { hubId?: string; name?: string; subjects?: string[] } = {},
): StreamSpec {
  return {
    name: opts.name ?? STREAMS.FEDERATION_OUT.name,
    subjects: opts.subjects ?? (opts.hubId ? [`fed.*.${opts.hubId}`] : [...STREAMS.FEDERATION_OUT.subjects]),
    maxAgeMs: FEDERATION_MAX_AGE_MS,
  };
}

export function ensureFederationOut(jsm: JetStreamManager, spec: StreamSpec = federationOutSpec()) {
  return ensureStream(jsm, spec);
}

export interface FederationInOptions {
  /** Registered hubs: each is a JetStream domain whose FEDERATION_OUT is sourced. */
  hubIds: readonly string[];
  /** Stream name at the ICS (default FEDERATION_IN). */
  name?: string;
  /** The hubs' stream name (default FEDERATION_OUT). */
  sourceName?: string;
}

/** One source per hub, reached through the hub's domain API across the leaf link. */
export function federationSources(
  hubIds: readonly string[],
  sourceName: string = STREAMS.FEDERATION_OUT.name,
): StreamSource[] {
  return [...new Set(hubIds)].sort().map((hubId) => ({
    name: sourceName,
    external: { api: `$JS.${hubId}.API`, deliver: '' },
  }));
}

/**
 * The ICS side: FEDERATION_IN, with no subjects of its own, sourcing every registered hub's
 * FEDERATION_OUT through `$JS.<hubId>.API`. Idempotent; registering a hub calls it with the new
 * list, which updates the sources in place (existing sources keep their position, so nothing
 * is copied twice). A source whose hub is unreachable simply waits: JetStream retries it and
 * catches up from where it stopped when the leaf link returns.
 */
export async function ensureFederationIn(
  jsm: JetStreamManager,
  opts: FederationInOptions,
): Promise<'created' | 'updated'> {
  const name = opts.name ?? STREAMS.FEDERATION_IN.name;
  const sources = federationSources(opts.hubIds, opts.sourceName);
  const settings = {
    sources,
    // sourced copies keep Nats-Msg-Id; a re-sourced copy inside this window is dropped
    duplicate_window: nanos(2 * 60_000),
    max_age: nanos(FEDERATION_MAX_AGE_MS),
    num_replicas: 1,
  };
  try {
    await jsm.streams.info(name);
  } catch (error) {
    if (!(error instanceof NatsError) || error.api_error?.err_code !== JS_STREAM_NOT_FOUND) throw error;
    try {
      await jsm.streams.add({
        name,
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        discard: DiscardPolicy.Old,
        ...settings,
      });
      logger.log({ msg: 'stream created', stream: name, hubs: opts.hubIds });
      return 'created';
    } catch (addError) {
      if (!(addError instanceof NatsError) || addError.api_error?.err_code !== JS_STREAM_NAME_IN_USE)
        throw addError;
    }
  }
  await jsm.streams.update(name, settings);
  logger.log({ msg: 'stream sources updated', stream: name, hubs: opts.hubIds });
  return 'updated';
}
