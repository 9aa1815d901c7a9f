/**
 * The floor under the gateway's search route, for bench/directory/search.ts: a bare Fastify
 * server that forwards `GET /search` to `directory.search.v1` over NATS and writes the reply's
 * JSON as it came. No Nest, auth, rate limit, validation, helmet or request log: what HTTP plus
 * one NATS hop cost on this machine, whatever the gateway does on top.
 */
import Fastify from 'fastify';
import { connect } from 'nats';
import { DIRECTORY_SEARCH_V1 } from '@linkway/contracts';
import { RequestClient } from '@linkway/messaging';

async function main() {
  const nc = await connect({ servers: process.env.NATS_URL, name: 'bench-bare-forwarder', noAsyncTraces: true });
  const requests = new RequestClient(nc, { NATS_REQUEST_TIMEOUT_MS: 5_000 });
  const app = Fastify({ logger: false });
  app.get('/search', async (request, reply) => {
    const q = request.query as Record<string, string>;
    const json = await requests.requestJson(DIRECTORY_SEARCH_V1, {
      taxonomyTermIds: [q.taxonomyTermId],
      age: Number(q.age),
      postcode: q.postcode,
      radiusKm: Number(q.radiusKm),
    });
    return reply.type('application/json; charset=utf-8').send(json);
  });
  app.get('/health', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
