import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/**
 * argon2id with OWASP's baseline cost (19 MiB, 2 passes, 1 lane): a few tens of milliseconds
 * here, costly enough for an attacker holding the table.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  // compared against when the email is unknown, so both failures take the same time
  private readonly decoy = argon2.hash('linkway-decoy-password', OPTIONS);

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    try {
      const matches = await argon2.verify(hash ?? (await this.decoy), password);
      return hash !== null && matches;
    } catch {
      // a malformed stored hash is a failed login, not a 500
      return false;
    }
  }
}
