/**
 * Base of every domain error. The code is stable and machine-readable; each app has one
 * filter that maps codes to HTTP or RPC status, so services never throw HTTP exceptions.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** Field-level reasons a person can act on, e.g. `{ field: 'nhsNumber', reason: '...' }`. */
  readonly details: ErrorDetail[];

  constructor(message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export interface ErrorDetail {
  field?: string;
  reason: string;
}

export class ValidationFailedError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(entity: string, id: string) {
    super(`${entity} ${id} was not found`);
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

/** A dependency did not answer in time. Distinct from "not there": the caller may retry. */
export class TimeoutError extends DomainError {
  readonly code = 'TIMEOUT';
}

/** Nobody is listening on a subject or a dependency is down: fail fast, retry later. */
export class UnavailableError extends DomainError {
  readonly code = 'UNAVAILABLE';
}
