import { DomainError, type ErrorDetail } from '@linkway/util';

/**
 * An error the remote handler answered with. It keeps the remote's code, so the gateway
 * maps a remote NOT_FOUND or VALIDATION_FAILED exactly as it would a local one.
 */
export class RemoteError extends DomainError {
  readonly code: string;

  constructor(
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    /** The request subject that failed. */
    readonly subject = '',
  ) {
    super(message, details);
    this.code = code;
  }
}

/** The remote service runs but has no handler for the subject (a deploy out of step). */
export const NO_HANDLER = 'NO_HANDLER';
/** The remote threw something that was not a DomainError; its message is not passed on. */
export const REMOTE_INTERNAL = 'REMOTE_INTERNAL';
