import type { FastifyRequest } from 'fastify';
import type { Role } from './roles';

/** Who is calling: taken from a verified access token, for this hub only. */
export interface Principal {
  accountId: string;
  role: Role;
  hubId: string;
}

type WithPrincipal = FastifyRequest & { principal?: Principal };

export function attachPrincipal(request: FastifyRequest, principal: Principal): void {
  (request as WithPrincipal).principal = principal;
}

export function findPrincipal(request: FastifyRequest): Principal | undefined {
  return (request as WithPrincipal).principal;
}

export function principalOf(request: FastifyRequest): Principal {
  const principal = findPrincipal(request);
  // only reachable on a route marked @Public() that asks for a principal: a programming error
  if (!principal) throw new Error('No authenticated principal on this request');
  return principal;
}
