import { headers as natsHeaders, type MsgHdrs } from 'nats';
import { headerValue, LINKWAY_HEADERS } from '../outbox/publish-headers';

export interface DeadLetterFacts {
  consumer: string;
  subject: string;
  messageId: string;
  deliveryCount: number;
  reason: string;
  stream: string;
  streamSequence: number;
  at?: Date;
}

/**
 * Headers of a dead letter: enough for a person to see why it failed and to replay it to
 * the original subject. The original headers are kept, minus the dedupe key: the dead
 * letter gets its own, so a retried dead-lettering is stored once.
 */
export function deadLetterHeaders(facts: DeadLetterFacts, original?: MsgHdrs): MsgHdrs {
  const h = natsHeaders();
  if (original) {
    for (const [name, values] of original) {
      if (name.toLowerCase() === 'nats-msg-id') continue;
      for (const v of values) h.append(name, v);
    }
  }
  h.set(LINKWAY_HEADERS.deadLetterReason, headerValue(facts.reason));
  h.set(LINKWAY_HEADERS.deadLetterSubject, facts.subject);
  h.set(LINKWAY_HEADERS.deadLetterDeliveries, String(facts.deliveryCount));
  h.set(LINKWAY_HEADERS.deadLetterConsumer, facts.consumer);
  h.set(LINKWAY_HEADERS.deadLetterMessageId, facts.messageId);
  h.set(LINKWAY_HEADERS.deadLetterStream, facts.stream);
  h.set(LINKWAY_HEADERS.deadLetterStreamSequence, String(facts.streamSequence));
  h.set(LINKWAY_HEADERS.deadLetterAt, (facts.at ?? new Date()).toISOString());
  return h;
}

/** The dedupe key of a dead letter: one per consumer and message. */
export const deadLetterMessageId = (consumer: string, messageId: string) => `dlq:${consumer}:${messageId}`;
