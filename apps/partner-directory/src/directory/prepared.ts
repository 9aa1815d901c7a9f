import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a hot read query as a named prepared statement on the data source's pg pool, so each
 * connection plans it once (search queries spend longer in planning than in execution).
 * The name is a hash of the text: every filter combination is its own statement. Inside a
 * transaction (a manager with a query runner) it runs on that transaction's connection instead.
 */
export async function preparedQuery<T>(
  db: DataSource,
  text: string,
  values: unknown[],
  manager?: EntityManager,
): Promise<T[]> {
  if (manager?.queryRunner) return manager.query(text, values);
  const pool = (db.driver as unknown as { master: Pool }).master;
  const name = `lw_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  const result = await pool.query({ name, text, values });
  return result.rows as T[];
}
