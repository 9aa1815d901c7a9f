import { STATUS_CODES } from 'node:http';
import { isDatabaseUnavailable } from '@linkway/messaging';
import { HttpException } from '@nestjs/common';
import type { ErrorDetail } from '@linkway/util';

/** The one error body of every gateway response that is not a success. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: ErrorDetail[];
}

export interface ErrorResponse {
  body: ErrorBody;
  /** True when the cause is ours (a bug or an unknown failure): log it with its stack. */
  unexpected: boolean;
}

/**
 * Domain error codes to HTTP status. Anything that carries a string `code` and `details[]`
 * maps this way, whether thrown here (DomainError) or answered by a hub service over NATS
 * (messaging's RemoteError), so a service's NOT_FOUND is the gateway's 404.
 */
export const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAVAILABLE: 503,
  // a hub service runs but has no handler for the subject (deployed out of step): not ours to fix
  NO_HANDLER: 503,
  TIMEOUT: 504,
};

export const INTERNAL_ERROR_MESSAGE = 'Internal error';

interface CodedError {
  code: string;
  message: string;
  details: ErrorDetail[];
}

const isCodedError = (error: unknown): error is CodedError =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as { code?: unknown }).code === 'string' &&
  Array.isArray((error as { details?: unknown }).details);

/** Fastify's own errors (body too large, bad JSON, wrong content type) carry a 4xx statusCode. */
const clientStatusOf = (error: unknown): number | undefined => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
};

const body = (statusCode: number, message: string, details: ErrorDetail[] = []): ErrorBody => ({
  statusCode,
  error: STATUS_CODES[statusCode] ?? 'Error',
  message,
  details,
});

const internal = (): ErrorResponse => ({ body: body(500, INTERNAL_ERROR_MESSAGE), unexpected: true });

/** Maps any thrown value to the standard body. Never leaks a stack or an internal message. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (isCodedError(error)) {
    const status = STATUS_BY_CODE[error.code];
    if (status === undefined) return internal();
    return { body: body(status, error.message, sanitiseDetails(error.details)), unexpected: false };
  }
  if (error instanceof HttpException) return fromHttpException(error);
  const status = clientStatusOf(error);
  if (status !== undefined) return { body: body(status, (error as Error).message), unexpected: false };
  // the gateway's own database (accounts, audit) is down: an outage to retry, not a bug
  if (isDatabaseUnavailable(error)) {
    return {
      body: body(503, 'The service is temporarily unavailable; try again shortly'),
      unexpected: false,
    };
  }
  return internal();
}

function fromHttpException(error: HttpException): ErrorResponse {
  const status = error.getStatus();
  const response = error.getResponse();
  if (isHealthReport(response)) {
    // terminus: { status: 'error', info, error: { redis: { status: 'down', message } } }
    const failing = Object.entries(response.error).map(([field, check]) => ({
      field,
      reason: typeof check?.message === 'string' ? check.message : String(check?.status ?? 'down'),
    }));
    return { body: body(status, 'A dependency is not healthy', failing), unexpected: false };
  }
  if (status >= 500) return internal();
  if (typeof response === 'string') return { body: body(status, response), unexpected: false };
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) {
    const details = message.map((m) => ({ reason: String(m) }));
    return { body: body(status, STATUS_CODES[status] ?? 'Error', details), unexpected: false };
  }
  return { body: body(status, typeof message === 'string' ? message : error.message), unexpected: false };
}

interface HealthReport {
  status: 'error';
  error: Record<string, { status?: string; message?: unknown } | undefined>;
}

function isHealthReport(response: unknown): response is HealthReport {
  const r = response as { status?: unknown; error?: unknown; info?: unknown } | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.status === 'error' &&
    typeof r.error === 'object' &&
    r.error !== null &&
    'info' in r
  );
}

function sanitiseDetails(details: ErrorDetail[]): ErrorDetail[] {
  return details
    .filter((d) => typeof d?.reason === 'string')
    .map((d) => (typeof d.field === 'string' ? { field: d.field, reason: d.reason } : { reason: d.reason }));
}
