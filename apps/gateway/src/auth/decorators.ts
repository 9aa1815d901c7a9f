import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal } from './principal';
import { principalOf } from './principal';
import type { Role } from './roles';

export const IS_PUBLIC = 'linkway:public';
export const ROLES_KEY = 'linkway:roles';

/** Reachable without a token. Every other route needs one: authentication is the default. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (on a handler or a controller; the handler wins). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The authenticated caller of this request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal =>
  principalOf(context.switchToHttp().getRequest()),
);
