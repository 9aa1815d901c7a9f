import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { HubConfig } from '@linkway/config';
import { AccountsService } from '../accounts/accounts.service';
import { UnauthenticatedError } from '../errors/gateway-errors';
import type { Identity, IdentityProvider, PasswordCredentials } from './identity-provider';
import { PasswordHasher } from './password-hasher';

export const BAD_CREDENTIALS = 'Invalid email or password';

/** Sign-in against this hub's accounts table with argon2id hashes. */
@Injectable()
export class LocalIdentityProvider implements IdentityProvider {
  constructor(
    private readonly accounts: AccountsService,
    private readonly hasher: PasswordHasher,
    private readonly config: ConfigService,
  ) {}

  async authenticate({ email, password }: PasswordCredentials): Promise<Identity> {
    const hubId = this.config.getOrThrow<HubConfig>('hub').HUB_ID;
    const account = await this.accounts.findByEmail(hubId, email);
    // verify even when the account is unknown, so timing does not tell which emails exist
    const matches = await this.hasher.verify(account?.passwordHash ?? null, password);
    if (!account || !matches || account.disabled) throw new UnauthenticatedError(BAD_CREDENTIALS);
    return { accountId: account.id, hubId: account.hubId, role: account.role };
  }
}
