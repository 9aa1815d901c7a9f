import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per message a consumer has applied, written in the same transaction as the
 * consumer's effect. A redelivered message finds its row and is acknowledged without running
 * the handler again, so at-least-once delivery becomes exactly-once in effect.
 */
@Entity({ name: 'inbox' })
export class InboxMessage {
  /** The durable consumer's name: two consumers in one service each apply a message once. */
  @PrimaryColumn('text')
  consumer!: string;

  /** The message's `Nats-Msg-Id` (the publisher's outbox id). */
  @PrimaryColumn('text', { name: 'message_id' })
  messageId!: string;

  @Column('text')
  subject!: string;

  @Column('timestamptz', { name: 'processed_at', default: () => 'now()' })
  processedAt!: Date;
}
