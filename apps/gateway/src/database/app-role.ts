import { Logger } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The database role the running gateway acts as. Migrations create it (if absent) and give
 * it only row-level rights: SELECT, INSERT on audit_log and nothing more there. Fixed, not
 * configured: the grants in the migrations name it.
 */
export const GATEWAY_APP_ROLE = 'gateway_app';

const logger = new Logger('GatewayAppRole');

/**
 * Makes every session of the data source's pool act as GATEWAY_APP_ROLE, after migrations ran
 * as the connecting (owner) user.
 *
 * Why not connect as gateway_app directly: one DATABASE_URL serves both migrations (DDL, the
 * owner's job) and the application. Deployments that connect as gateway_app already (migrations
 * run by the explicit target) lose nothing: SET ROLE to oneself is allowed and changes nothing.
 * Connections opened before the binding (the migration's) are closed, so none keeps the owner's
 * rights. A session whose SET ROLE fails is closed rather than left with the owner's rights.
 */
export async function bindApplicationRole(dataSource: DataSource): Promise<void> {
  const pool = postgresPool(dataSource);
  const check = await dataSource.query<Array<{ user: string; member: boolean }>>(
    `SELECT current_user AS "user", pg_has_role(current_user, $1, 'MEMBER') AS member`,
    [GATEWAY_APP_ROLE],
  );
  if (!check[0]?.member) {
    throw new Error(
      `Database user "${check[0]?.user}" cannot act as role ${GATEWAY_APP_ROLE}: connect as ${GATEWAY_APP_ROLE}, ` +
        `or run "GRANT ${GATEWAY_APP_ROLE} TO ${check[0]?.user}" as a superuser.`,
    );
  }
  pool.on('connect', (client: PoolClient) => {
    // pg runs a client's queries in order, so this runs before whatever the pool hands it out for
    client.query(`SET ROLE ${GATEWAY_APP_ROLE}`).catch((error: Error) => {
      logger.error({
        msg: 'SET ROLE failed; closing the connection',
        role: GATEWAY_APP_ROLE,
        error: error.message,
      });
      void client.end();
    });
  });
  await closeIdleClients(pool);
  const [session] = await dataSource.query<Array<{ role: string }>>('SELECT current_user AS role');
  if (session?.role !== GATEWAY_APP_ROLE) {
    throw new Error(`Database sessions act as "${session?.role}", expected ${GATEWAY_APP_ROLE}`);
  }
}

function postgresPool(dataSource: DataSource): Pool {
  // TypeORM's postgres driver keeps its pg Pool in `master` (typed loosely by TypeORM)
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool || typeof pool.on !== 'function')
    throw new Error('Expected a postgres data source with a pg pool');
  return pool;
}

async function closeIdleClients(pool: Pool): Promise<void> {
  // An idle pool hands out its idle clients first; taking them all at once reaches each one.
  const idle = pool.idleCount;
  const clients = await Promise.all(Array.from({ length: idle }, () => pool.connect()));
  for (const client of clients) client.release(true);
}
