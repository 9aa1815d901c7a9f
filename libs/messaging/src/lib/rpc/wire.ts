import { type ErrorDetail, UnavailableError } from '@linkway/util';
import { NO_HANDLER, REMOTE_INTERNAL, RemoteError } from './remote-error';

/**
 * The Nest microservices NATS wire format (see @nestjs/microservices ClientNats and
 * NatsRecordSerializer): a request is JSON `{ pattern, data, id }`, a reply is JSON
 * `{ id, response?, err?, isDisposed? }`. Speaking it lets a plain NATS request reach
 * `@MessagePattern` handlers without a ClientProxy per target.
 */
export interface NestRequestPacket {
  pattern: string;
  data: unknown;
  id: string;
}

export interface NestReplyPacket {
  id?: string;
  response?: unknown;
  err?: unknown;
  isDisposed?: boolean;
  status?: string;
}

/** The body of an RPC error, as the DomainError RPC filter sends it. */
export interface RpcErrorBody {
  code: string;
  message: string;
  details?: ErrorDetail[];
}

export const encodeRequest = (packet: NestRequestPacket): Uint8Array => Buffer.from(JSON.stringify(packet));

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Turns a reply into the response, or throws the RemoteError it carries. */
export function decodeReply<T>(data: Uint8Array, subject: string): T {
  if (data.length === 0)
    throw new RemoteError(REMOTE_INTERNAL, `${subject} answered with an empty reply`, [], subject);
  let packet: unknown;
  try {
    packet = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    throw new RemoteError(REMOTE_INTERNAL, `${subject} answered with a reply that is not JSON`, [], subject);
  }
  if (!isRecord(packet))
    throw new RemoteError(REMOTE_INTERNAL, `${subject} answered with a malformed reply`, [], subject);
  const reply = packet as NestReplyPacket;
  if (reply.err !== undefined && reply.err !== null) throw remoteErrorFrom(reply.err, subject);
  return reply.response as T;
}

/**
 * A response as JSON text, for a caller that only forwards it (the gateway's read routes):
 * the bytes the responder wrote, not parsed and stringified again. The type parameter names
 * what the text holds.
 */
export type JsonText<T> = Buffer & { readonly __json?: T };

const RESPONSE_PREFIX = Buffer.from('{"response":');

/**
 * The `response` of a reply as the JSON text inside it, when the reply has the one shape Nest's
 * server writes for a one-shot answer: exactly `{"response":R,"isDisposed":true,"id":"<request
 * id>"}` (the response and its completion merged, then the id), so R is the bytes between
 * that prefix and that suffix. Undefined for any other shape (an error, a stream's parts).
 */
export function oneShotResponseText(data: Uint8Array, requestId: string): Buffer | undefined {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const suffix = `,"isDisposed":true,"id":${JSON.stringify(requestId)}}`;
  const end = bytes.length - Buffer.byteLength(suffix);
  if (
    end <= RESPONSE_PREFIX.length ||
    !bytes.subarray(0, RESPONSE_PREFIX.length).equals(RESPONSE_PREFIX) ||
    bytes.toString('utf8', end) !== suffix
  )
    return undefined;
  // a copy: the text outlives the connection's read buffer it was sliced from
  return Buffer.from(bytes.subarray(RESPONSE_PREFIX.length, end));
}

/** A reply's response as JSON text: sliced out when it can be, else decoded (errors throw) and re-encoded. */
export function replyJson<T>(data: Uint8Array, subject: string, requestId: string): JsonText<T> {
  return (
    oneShotResponseText(data, requestId) ?? Buffer.from(JSON.stringify(decodeReply<T>(data, subject) ?? null))
  );
}

/** Maps the `err` of a Nest reply: our filter's `{ code, message, details }`, else Nest's own shapes. */
export function remoteErrorFrom(err: unknown, subject: string): RemoteError {
  if (typeof err === 'string') {
    // Nest's NO_MESSAGE_HANDLER is a bare string
    const code = /no matching message handler/i.test(err) ? NO_HANDLER : REMOTE_INTERNAL;
    return new RemoteError(code, `${subject}: ${err}`, [], subject);
  }
  if (isRecord(err)) {
    const code = typeof err['code'] === 'string' ? err['code'] : REMOTE_INTERNAL;
    const message = typeof err['message'] === 'string' ? err['message'] : `${subject} failed`;
    const details = Array.isArray(err['details']) ? (err['details'] as unknown[]).filter(isDetail) : [];
    return new RemoteError(code, message, details, subject);
  }
  return new RemoteError(REMOTE_INTERNAL, `${subject} failed`, [], subject);
}

const isDetail = (d: unknown): d is ErrorDetail => isRecord(d) && typeof d['reason'] === 'string';

/**
 * Maps what publishing a request can throw (the reply mux raises its own Timeout and
 * Unavailable errors): a closed, draining or lost connection means nobody can answer now.
 */
export function requestFailure(error: unknown, subject: string): Error {
  const code = isRecord(error) && typeof error['code'] === 'string' ? error['code'] : '';
  switch (code) {
    case 'CONNECTION_CLOSED':
    case 'CONNECTION_DRAINING':
    case 'DISCONNECT':
      return new UnavailableError(`NATS connection unavailable for ${subject} (${code})`);
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}
