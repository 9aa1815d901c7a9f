import type { Role } from './roles';

/**
 * Who a person is, as established by an identity provider. The gateway then issues its own
 * short-lived access token bound to this hub and this role (TokenService), whatever the provider.
 */
export interface Identity {
  accountId: string;
  hubId: string;
  role: Role;
}

export interface PasswordCredentials {
  email: string;
  password: string;
}

/**
 * The seam where sign-in happens. Today: LocalIdentityProvider (accounts table + argon2id).
 * To move to OIDC (NHS CIS2, Entra ID, ...), add a provider that completes the authorization-code
 * flow, verifies the ID token against the issuer's JWKS and maps its `sub`/email to a local
 * account (which keeps the hub and role, and may have no password hash), then bind it to
 * IDENTITY_PROVIDER. Tokens, guards, roles and audit stay as they are.
 */
export interface IdentityProvider {
  /** Resolves to the identity, or rejects with UnauthenticatedError; never says which part was wrong. */
  authenticate(credentials: PasswordCredentials): Promise<Identity>;
}

export const IDENTITY_PROVIDER = Symbol('IDENTITY_PROVIDER');
