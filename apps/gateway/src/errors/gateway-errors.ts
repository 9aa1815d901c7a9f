import { DomainError } from '@linkway/util';

/** No valid credentials or token. One message for every cause, so callers learn nothing about accounts. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}
