import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccountsService, type AccountView } from '../accounts/accounts.service';
import { UnauthenticatedError } from '../errors/gateway-errors';
import { IDENTITY_PROVIDER, type IdentityProvider, type PasswordCredentials } from './identity-provider';
import type { Principal } from './principal';
import { type IssuedToken, TokenService } from './token.service';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(IDENTITY_PROVIDER) private readonly identities: IdentityProvider,
    private readonly tokens: TokenService,
    private readonly accounts: AccountsService,
  ) {}

  async login(credentials: PasswordCredentials, requestId: string): Promise<IssuedToken> {
    try {
      const identity = await this.identities.authenticate(credentials);
      const token = await this.tokens.issue(identity);
      this.logger.log({
        msg: 'login succeeded',
        accountId: identity.accountId,
        role: identity.role,
        requestId,
      });
      return token;
    } catch (error) {
      // no email in the log: failed logins are where mistyped passwords end up
      if (error instanceof UnauthenticatedError) this.logger.warn({ msg: 'login failed', requestId });
      throw error;
    }
  }

  me(principal: Principal): Promise<AccountView> {
    return this.accounts.get(principal.hubId, principal.accountId);
  }
}
