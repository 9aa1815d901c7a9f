import { headers as natsHeaders, type MsgHdrs } from 'nats';

/** Header names the platform sets; everything else in a row's headers is the writer's own. */
export const LINKWAY_HEADERS = {
  deadLetterReason: 'Linkway-Dlq-Reason',
  deadLetterSubject: 'Linkway-Dlq-Original-Subject',
  deadLetterDeliveries: 'Linkway-Dlq-Delivery-Count',
  deadLetterConsumer: 'Linkway-Dlq-Consumer',
  deadLetterMessageId: 'Linkway-Dlq-Message-Id',
  deadLetterStream: 'Linkway-Dlq-Stream',
  deadLetterStreamSequence: 'Linkway-Dlq-Stream-Sequence',
  deadLetterAt: 'Linkway-Dlq-At',
} as const;

/** Set by JetStream from the publish's `msgID`; a row may not override the dedupe key. */
const RESERVED = new Set(['nats-msg-id', 'nats-expected-stream', 'nats-expected-last-msg-id']);

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A header value on one line: NATS headers are line-based, a newline would corrupt them. */
export const headerValue = (value: string, maxLength = 1024): string =>
  value.replace(/[\r\n]+/g, ' ').slice(0, maxLength);

/**
 * NATS headers for an outbox row. Invalid or reserved names are dropped rather than failing
 * the publish: a bad header must not block the event.
 */
export function buildPublishHeaders(rowHeaders: Record<string, unknown> | null | undefined): {
  headers: MsgHdrs | undefined;
  dropped: string[];
} {
  const entries = Object.entries(rowHeaders ?? {});
  if (entries.length === 0) return { headers: undefined, dropped: [] };
  const headers = natsHeaders();
  const dropped: string[] = [];
  for (const [name, value] of entries) {
    if (!HEADER_NAME.test(name) || RESERVED.has(name.toLowerCase()) || value === null || value === undefined) {
      dropped.push(name);
      continue;
    }
    headers.set(name, headerValue(String(value)));
  }
  return { headers: dropped.length === entries.length ? undefined : headers, dropped };
}
