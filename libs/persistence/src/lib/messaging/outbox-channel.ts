import { assertSchemaName } from '../data-source';

/**
 * The LISTEN/NOTIFY channel the outbox trigger signals on. One per schema, so a service's
 * relay wakes only for its own rows when services share a database.
 */
export function outboxChannel(schema: string): string {
  assertSchemaName(schema);
  return `outbox_${schema}`;
}
