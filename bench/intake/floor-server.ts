/**
 * The floor under the real intake path, for bench/intake/bench.ts: the baseline's work split
 * over the two processes and the NATS hop the architecture prescribes, with nothing else.
 *
 *   ROLE=forwarder  a bare Fastify server: `POST /referrals` → NATS request with the body as it
 *                   came → the reply's bytes as the response (the gateway's place)
 *   ROLE=responder  a bare NATS subscriber that writes referral + outbox rows with `pg` in the
 *                   baseline's one statement and answers `{ id }` (referral-intake's place)
 *
 * No Nest, auth, rate limit, validation, audit, outbox relay or logs: what HTTP, one NATS
 * round trip and one INSERT cost on this machine, whatever the services do on top.
 * PORT, NATS_URL and DATABASE_URL from env.
 */
import Fastify from 'fastify';
import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';

const SUBJECT = 'bench.intake.floor';

async function forwarder(nc: NatsConnection) {
  const app = Fastify({ logger: false });
  // the body stays bytes: the responder parses it, as intake would
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  app.post('/referrals', async (request, reply) => {
    const answer = await nc.request(SUBJECT, request.body as Buffer, { timeout: 5_000 });
    return reply.status(201).type('application/json; charset=utf-8').send(Buffer.from(answer.data));
  });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  console.log('floor forwarder ready');
}

async function responder(nc: NatsConnection) {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  let n = 0;
  nc.subscribe(SUBJECT, {
    queue: 'floor',
    callback: (_error, msg) => {
      n += 1;
      const id = `${process.pid}-${Date.now()}-${n}`;
      const body = JSON.stringify(JSON.parse(Buffer.from(msg.data).toString('utf8')));
      pool
        .query(
          `WITH r AS (INSERT INTO bench_baseline.referral (id, body) VALUES ($1, $2::jsonb) RETURNING id)
           INSERT INTO bench_baseline.outbox (id, subject, payload) SELECT id, 'evt.bench.received', $2::jsonb FROM r`,
          [id, body],
        )
        .then(
          () => msg.respond(Buffer.from(JSON.stringify({ id }))),
          (error: Error) => console.error(error.message),
        );
    },
  });
  await nc.flush();
  console.log('floor responder ready');
}

async function main() {
  const role = process.env.ROLE;
  const nc = await connect({
    servers: process.env.NATS_URL,
    name: `bench-floor-${role}`,
    noAsyncTraces: true,
  });
  if (role === 'forwarder') await forwarder(nc);
  else if (role === 'responder') await responder(nc);
  else throw new Error(`ROLE must be forwarder or responder, not ${role}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
