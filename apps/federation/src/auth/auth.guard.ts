import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import type { AuthConfig } from '@linkway/config';
import { ForbiddenError } from '@linkway/util';
import { UnauthenticatedError } from '../errors/errors';
import { AccountsService } from './accounts.service';
import { ICS_HUB_CLAIM, ICS_ROLES, isIcsRole } from './roles';

export const IS_PUBLIC = 'linkway:public';
/** Reachable without a token (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

const BEARER = /^Bearer\s+([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/i;
export const JWT_ALGORITHM = 'HS256';

/**
 * Global: every route needs an access token signed with the shared JWT_SECRET and issuer. The
 * role decides first: hub staff get 403 whatever their hub. An ics_analyst or admin token must
 * then belong to an active federation account (hub `ics`); a hub's own admin is not an ICS admin.
 */
@Injectable()
export class IcsAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly config: ConfigService,
    private readonly accounts: AccountsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // the platform's GET /health (probes carry no token)
    if (request.url === '/health' || request.url.startsWith('/health?')) return true;
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new UnauthenticatedError('A bearer access token is required');
    const auth = this.config.getOrThrow<AuthConfig>('auth');
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync(token, {
        secret: auth.JWT_SECRET,
        issuer: auth.JWT_ISSUER,
        algorithms: [JWT_ALGORITHM],
      });
    } catch {
      throw new UnauthenticatedError('Invalid or expired token');
    }
    if (typeof claims.role !== 'string' || typeof claims.sub !== 'string')
      throw new UnauthenticatedError('Invalid or expired token');
    if (!isIcsRole(claims.role)) {
      throw new ForbiddenError(`The federation needs one of the roles: ${ICS_ROLES.join(', ')}`, [
        { field: 'role', reason: `${claims.role} may not read ICS reports` },
      ]);
    }
    if (claims.hub !== ICS_HUB_CLAIM || !(await this.accounts.isActive(claims.sub, claims.role))) {
      throw new UnauthenticatedError('Sign in to the federation with an ICS account');
    }
    (request as FastifyRequest & { principal?: unknown }).principal = {
      accountId: claims.sub,
      role: claims.role,
    };
    return true;
  }
}

/** Admin-only routes (hub registration). */
export const ADMIN_ONLY = 'linkway:admin-only';
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);

@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, [context.getHandler(), context.getClass()]))
      return true;
    const principal = context
      .switchToHttp()
      .getRequest<FastifyRequest & { principal?: { role: string } }>().principal;
    if (principal?.role !== 'admin') {
      throw new ForbiddenError('Only an ICS admin may do this', [
        { field: 'role', reason: `${principal?.role} may not do this` },
      ]);
    }
    return true;
  }
}
