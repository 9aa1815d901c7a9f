import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HubSnapshotV1 } from '@linkway/contracts';

/** The newest version of one hub's snapshot for one period; aggregates only. */
@Entity({ name: 'hub_snapshot' })
export class HubSnapshot {
  @PrimaryColumn({ name: 'hub_id', type: 'text' })
  hubId!: string;

  @PrimaryColumn({ name: 'period_kind', type: 'text' })
  periodKind!: string;

  @PrimaryColumn({ name: 'period_key', type: 'text' })
  periodKey!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'built_at', type: 'timestamptz' })
  builtAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'jsonb' })
  payload!: HubSnapshotV1;
}
