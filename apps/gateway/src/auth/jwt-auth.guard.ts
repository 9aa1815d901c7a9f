import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { HubConfig } from '@linkway/config';
import { AccountsService } from '../accounts/accounts.service';
import { UnauthenticatedError } from '../errors/gateway-errors';
import { IS_PUBLIC } from './decorators';
import { attachPrincipal } from './principal';
import { TokenService } from './token.service';

const BEARER = /^Bearer\s+([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/i;

/**
 * Global: every route needs a valid access token for this hub unless marked @Public().
 * A token from another hub is refused even when its signature is good: hubs may share a
 * signing secret in a demo, and a hub's data is only for that hub's accounts.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly accounts: AccountsService,
    private readonly config: ConfigService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new UnauthenticatedError('A bearer access token is required');
    const claims = await this.tokens.verify(token);
    const hubId = this.config.getOrThrow<HubConfig>('hub').HUB_ID;
    if (claims.hub !== hubId)
      throw new UnauthenticatedError(`This token is for another hub; sign in to ${hubId}`);
    if (!(await this.accounts.isActive(hubId, claims.sub, claims.role))) {
      throw new UnauthenticatedError('The account is disabled or its role has changed; sign in again');
    }
    attachPrincipal(request, { accountId: claims.sub, role: claims.role, hubId });
    return true;
  }
}
