import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../auth/roles';

/**
 * A person who signs in to this hub. Emails are stored lower-cased and unique per hub
 * (`accounts_hub_email_key` on `(hub_id, lower(email))`). Accounts are disabled, never deleted,
 * because audit rows keep pointing at them.
 */
@Entity({ name: 'accounts' })
export class Account {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'hub_id', type: 'text' })
  hubId!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  role!: Role;

  /** argon2id; null for an account that only signs in through an external identity provider. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** The partner organisation (partner-directory) a `partner` account acts for. */
  @Column({ name: 'partner_organisation_id', type: 'uuid', nullable: true })
  partnerOrganisationId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
