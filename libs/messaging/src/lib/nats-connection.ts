import { Logger } from '@nestjs/common';
import { type CustomStrategy, ServerNats } from '@nestjs/microservices';
import { connect, type NatsConnection } from 'nats';
import type { NatsConfig } from '@linkway/config';
import { NatsReplySerializer } from './rpc/json-reply';

const logger = new Logger('Nats');

const servers = (config: Pick<NatsConfig, 'NATS_URL'>) => config.NATS_URL.split(',').map((s) => s.trim());

/**
 * A raw connection for JetStream, the outbox relay and health checks. It reconnects for
 * ever (a hub outlives NATS restarts) and logs each state change.
 */
export async function connectNats(config: Pick<NatsConfig, 'NATS_URL'>, name: string): Promise<NatsConnection> {
  const nc = await connect({
    servers: servers(config),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    timeout: 5_000,
    // nats.js would capture two stack traces per request it makes (JetStream's API calls; our
    // RequestClient has its own ReplyMux), for a timeout's stack: ~2 % CPU under load
    noAsyncTraces: true,
  });
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'pingTimer') continue;
      logger.log({ msg: 'nats status', connection: name, type: status.type, data: String(status.data) });
    }
  })();
  return nc;
}

/**
 * Nest's NATS server, minus a thrown SyntaxError per message: to find a message's handler Nest
 * tries `JSON.parse` on its subject (for object patterns), and for a plain subject like ours
 * the exception, stack trace and all, was 4 % of a service's CPU under load.
 */
class NatsRpcServer extends ServerNats {
  protected override getRouteFromPattern(pattern: string): string {
    return pattern.startsWith('{') || pattern.startsWith('[')
      ? super.getRouteFromPattern(pattern)
      : this.normalizePattern(pattern);
  }
}

/**
 * The Nest NATS transport for a service: a queue group named after the service, so replicas
 * share requests and each request is handled once; JsonReply responses sent as their text.
 */
export function natsTransportOptions(config: Pick<NatsConfig, 'NATS_URL'>, service: string): CustomStrategy {
  return {
    strategy: new NatsRpcServer({
      servers: servers(config),
      queue: service,
      name: `${service}-rpc`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      noAsyncTraces: true,
      serializer: new NatsReplySerializer(),
    }),
  };
}
