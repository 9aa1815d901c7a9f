import { DomainError } from '@linkway/util';

/** No valid token, or one the federation does not accept: 401. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}
