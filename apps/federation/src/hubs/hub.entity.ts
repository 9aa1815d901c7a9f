import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A registered hub: what the ICS knows about it, and when it last heard from it. */
@Entity({ name: 'hub' })
export class Hub {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  archetype!: string;

  @Column({ name: 'integration_model', type: 'text' })
  integrationModel!: string;

  @Column({ type: 'integer' })
  population!: number;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  /** builtAt of the newest snapshot applied; null until the first arrives. */
  @Column({ name: 'last_snapshot_at', type: 'timestamptz', nullable: true })
  lastSnapshotAt!: Date | null;
}
