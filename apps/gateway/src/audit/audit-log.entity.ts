import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One read or change of a record, by whom, in which role, for what purpose. Append-only: the
 * application's database role may SELECT and INSERT but not UPDATE, DELETE or TRUNCATE, and a
 * trigger refuses UPDATE/DELETE for everyone else (see the migration).
 */
@Entity({ name: 'audit_log' })
export class AuditLogEntry {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  /** Null for actions taken by the system itself (the CLI, seeding). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ name: 'hub_id', type: 'text' })
  hubId!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  entity!: string;

  @Column({ name: 'entity_id', type: 'text', nullable: true })
  entityId!: string | null;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;
}
