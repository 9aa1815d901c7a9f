import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A domain event waiting to leave the service. Written in the same transaction as the state
 * change it describes, so the event exists if and only if the change committed. The relay
 * publishes it to JetStream with `Nats-Msg-Id` = `id`, which makes a republish harmless.
 *
 * No schema here: each service's data source pins `search_path` to its own schema, so the
 * table lives beside the service's other tables.
 */
@Entity({ name: 'outbox' })
@Index('outbox_unpublished_idx', ['id'], { where: 'published_at IS NULL' })
export class OutboxMessage {
  /** UUIDv7: sorts by creation time, so the relay publishes roughly in commit order. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  subject!: string;

  @Column('jsonb')
  payload!: unknown;

  @Column('jsonb', { default: () => `'{}'::jsonb` })
  headers!: Record<string, string>;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @Column('int', { default: 0 })
  attempts!: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  /** A row that failed to publish waits until then, so one bad row cannot hold up the rest. */
  @Column('timestamptz', { name: 'next_attempt_at', default: () => 'now()' })
  nextAttemptAt!: Date;
}
