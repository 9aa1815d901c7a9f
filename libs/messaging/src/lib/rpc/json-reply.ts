import type { Serializer } from '@nestjs/microservices';

/**
 * A handler's response already serialized as JSON text, for a service that keeps the JSON of
 * what it serves (the directory's service views): sent as it is, not turned back into
 * objects for Nest to stringify. The type parameter names what the text holds.
 */
export class JsonReply<T> {
  declare private readonly __holds?: T;

  constructor(readonly text: string) {}

  /** In any packet the serializer does not write itself, it is the value it holds. */
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

const REPLY_KEYS = new Set(['response', 'isDisposed', 'id']);

/**
 * Nest's NATS server serializer for replies, writing a JsonReply's text into the one-shot
 * packet `{"response":R,"isDisposed":true,"id":"<id>"}` (the bytes JSON.stringify would give
 * for it); anything else is JSON as Nest's NatsRecordSerializer writes it (server replies
 * never carry a NatsRecord, so no headers).
 */
export class NatsReplySerializer implements Serializer {
  serialize(packet: Record<string, unknown>): { data: Uint8Array; headers: undefined } {
    const { response, isDisposed, id } = packet;
    if (
      response instanceof JsonReply &&
      isDisposed === true &&
      typeof id === 'string' &&
      Object.keys(packet).every((k) => REPLY_KEYS.has(k))
    )
      return {
        data: Buffer.from(`{"response":${response.text},"isDisposed":true,"id":${JSON.stringify(id)}}`),
        headers: undefined,
      };
    return { data: Buffer.from(JSON.stringify(packet)), headers: undefined };
  }
}
