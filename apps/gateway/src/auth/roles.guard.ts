import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError } from '@linkway/util';
import { UnauthenticatedError } from '../errors/gateway-errors';
import { ROLES_KEY } from './decorators';
import { findPrincipal } from './principal';
import type { Role } from './roles';

/** Global, after JwtAuthGuard: a route with @Roles(...) admits only those roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    const principal = findPrincipal(context.switchToHttp().getRequest<FastifyRequest>());
    if (!principal) throw new UnauthenticatedError('A bearer access token is required');
    if (!roles.includes(principal.role)) {
      throw new ForbiddenError(`This needs one of the roles: ${roles.join(', ')}`, [
        { field: 'role', reason: `${principal.role} may not do this` },
      ]);
    }
    return true;
  }
}
