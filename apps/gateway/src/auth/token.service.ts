import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
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

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: ConfigService,
  ) {}

  async issue(identity: Identity): Promise<IssuedToken> {
    const auth = this.config.getOrThrow<AuthConfig>('auth');
    const claims: AccessClaims = { sub: identity.accountId, hub: identity.hubId, role: identity.role };
    const accessToken = await this.jwt.signAsync(claims, {
      secret: auth.JWT_SECRET,
      issuer: auth.JWT_ISSUER,
      expiresIn: auth.JWT_TTL_SECONDS,
      algorithm: JWT_ALGORITHM,
    });
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
    const auth = this.config.getOrThrow<AuthConfig>('auth');
    let payload: Record<string, unknown>;
    try {
      payload = await this.jwt.verifyAsync<Record<string, unknown>>(token, {
        secret: auth.JWT_SECRET,
        issuer: auth.JWT_ISSUER,
        algorithms: [JWT_ALGORITHM],
      });
    } catch {
      throw new UnauthenticatedError('Invalid or expired token');
    }
    const { sub, hub, role } = payload;
    if (typeof sub !== 'string' || typeof hub !== 'string' || !isRole(role)) {
      throw new UnauthenticatedError('Invalid or expired token');
    }
    return { sub, hub, role };
  }
}
