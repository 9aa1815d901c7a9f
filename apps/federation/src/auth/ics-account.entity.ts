import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An ICS user of the federation (ics_analyst or admin). Hub staff sign in at their gateway. */
@Entity({ name: 'ics_account' })
export class IcsAccount {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text', unique: true })
  email!: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
