import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type JwtModuleOptions, JwtService } from '@nestjs/jwt';
import type { AuthConfig } from '@linkway/config';
import { UnauthenticatedError } from '../errors/gateway-errors';
import type { Identity } from './identity-provider';
import { isRole, type Role } from './roles';

/** The claims of a Linkway access token: one account, one hub, one role. */
export interface AccessClaims {
  sub: string;
  hub: string;
  role: Role;
}

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  role: Role;
  hubId: string;
}

/** HS256 only: a token signed any other way (or `alg: none`) is refused. */
export const JWT_ALGORITHM = 'HS256';

/** The JwtService's key and claims policy, for the module registration and for tests. */
export function jwtOptions(auth: AuthConfig): JwtModuleOptions {
  return {
    // a KeyObject made once: given a string, jsonwebtoken first tries to parse it as a PEM
    // public key on every verify, which was 7% of the gateway's CPU under load
    secret: createSecretKey(Buffer.from(auth.JWT_SECRET)),
    signOptions: { issuer: auth.JWT_ISSUER, expiresIn: auth.JWT_TTL_SECONDS, algorithm: JWT_ALGORITHM },
    verifyOptions: { issuer: auth.JWT_ISSUER, algorithms: [JWT_ALGORITHM] },
  };
}

/** How many verified tokens are remembered; past it the oldest are forgotten first. */
const VERIFIED_MAX = 10_000;

@Injectable()
export class TokenService {
  /**
   * Tokens already verified, with their claims, until they expire: a client sends the same
   * token with every request, and checking its HMAC each time was ~4 % of the gateway's CPU.
   * The exact token text is the key, so a changed token is verified afresh.
   */
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAtMs: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly config: ConfigService,
  ) {}

  async issue(identity: Identity): Promise<IssuedToken> {
    const auth = this.config.getOrThrow<AuthConfig>('auth');
    const claims: AccessClaims = { sub: identity.accountId, hub: identity.hubId, role: identity.role };
    // key, issuer, expiry and algorithm come from the JwtModule registration (auth.module.ts)
    const accessToken = await this.jwt.signAsync(claims);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: auth.JWT_TTL_SECONDS,
      role: identity.role,
      hubId: identity.hubId,
    };
  }

  /** Signature, issuer, expiry and claim shapes; the hub is checked by the caller against HUB_ID. */
  async verify(token: string): Promise<AccessClaims> {
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return known.claims;
    if (known) this.verified.delete(token);
    let payload: Record<string, unknown>;
    try {
      payload = await this.jwt.verifyAsync<Record<string, unknown>>(token);
    } catch {
      throw new UnauthenticatedError('Invalid or expired token');
    }
    const { sub, hub, role, exp } = payload;
    if (typeof sub !== 'string' || typeof hub !== 'string' || !isRole(role) || typeof exp !== 'number') {
      throw new UnauthenticatedError('Invalid or expired token');
    }
    const claims: AccessClaims = { sub, hub, role };
    this.remember(token, claims, exp * 1000);
    return claims;
  }

  private remember(token: string, claims: AccessClaims, expiresAtMs: number): void {
    if (this.verified.size >= VERIFIED_MAX) {
      // Maps iterate in insertion order: the first key is the oldest
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, { claims, expiresAtMs });
  }
}
