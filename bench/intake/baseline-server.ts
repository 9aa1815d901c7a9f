/**
 * The baseline: one Fastify process that writes a referral row and its outbox row with
 * `pg` in ONE statement (a CTE), no NATS, no validation beyond JSON. PORT and DATABASE_URL from env.
 */
import Fastify from 'fastify';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });
let n = 0;

app.post('/referrals', async (request, reply) => {
  n += 1;
  const id = `${process.pid}-${Date.now()}-${n}`;
  await pool.query(
    `WITH r AS (INSERT INTO bench_baseline.referral (id, body) VALUES ($1, $2::jsonb) RETURNING id)
     INSERT INTO bench_baseline.outbox (id, subject, payload) SELECT id, 'evt.bench.received', $2::jsonb FROM r`,
    [id, JSON.stringify(request.body)],
  );
  reply.status(201);
  return { id };
});

void app
  .listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
  .then(() => console.log('baseline ready'));
