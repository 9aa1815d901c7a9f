import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { uuidv7 } from '@linkway/util';
import { IcsAccount } from './ics-account.entity';
import type { IcsRole } from './roles';

/** argon2id with OWASP's baseline cost, as at the gateway. */
const HASH = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class AccountsService {
  // compared against when the email is unknown, so both failures take the same time
  private readonly decoy = argon2.hash('linkway-decoy-password', HASH);

  constructor(private readonly dataSource: DataSource) {}

  /** Creates the account or resets its password and role; the demo seed and the CLI use it. */
  async ensure(
    email: string,
    password: string,
    role: IcsRole,
    displayName: string,
  ): Promise<'created' | 'updated'> {
    const hash = await argon2.hash(password, HASH);
    const rows: { created: boolean }[] = await this.dataSource.query(
      `INSERT INTO ics_account (id, email, password_hash, role, display_name, active, created_at)
       VALUES ($1, lower($2), $3, $4, $5, true, now())
       ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role, active = true
       RETURNING (xmax = 0) AS created`,
      [uuidv7(), email, hash, role, displayName],
    );
    return rows[0]?.created ? 'created' : 'updated';
  }

  async verify(email: string, password: string): Promise<IcsAccount | null> {
    const account = await this.dataSource
      .getRepository(IcsAccount)
      .findOneBy({ email: email.toLowerCase(), active: true });
    let ok = false;
    try {
      ok = await argon2.verify(account?.passwordHash ?? (await this.decoy), password);
    } catch {
      ok = false;
    }
    return account && ok ? account : null;
  }

  async isActive(id: string, role: string): Promise<boolean> {
    return this.dataSource.getRepository(IcsAccount).existsBy({ id, role, active: true });
  }
}
