import { type ArgumentsHost, Catch, Logger, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { type Observable, throwError } from 'rxjs';
import { DomainError } from '@linkway/util';
import { isDatabaseUnavailable } from '../support/transient';
import { REMOTE_INTERNAL } from './remote-error';
import type { RpcErrorBody } from './wire';

/** The error body a caller's RequestClient turns back into a RemoteError. */
export function rpcErrorBody(exception: unknown): RpcErrorBody {
  if (exception instanceof DomainError) {
    return { code: exception.code, message: exception.message, details: exception.details };
  }
  if (exception instanceof RpcException) {
    const e = exception.getError();
    if (typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string') {
      return e as RpcErrorBody;
    }
  }
  // an outage, not a bug: the caller answers 503 and may retry
  if (isDatabaseUnavailable(exception)) {
    return { code: 'UNAVAILABLE', message: 'the service cannot reach its database; try again shortly' };
  }
  // anything else is a bug on this side; its message may hold data, so it stays in our logs
  return { code: REMOTE_INTERNAL, message: 'internal error in the remote service' };
}

/**
 * Sends DomainErrors over RPC with their code, message and details, so the caller gets a
 * typed RemoteError. Register in each service: `app.useGlobalFilters(new DomainRpcExceptionFilter())`.
 */
@Catch()
export class DomainRpcExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger(DomainRpcExceptionFilter.name);

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    const body = rpcErrorBody(exception);
    if (body.code === REMOTE_INTERNAL) {
      this.logger.error({
        msg: 'unhandled error in message handler',
        error: exception instanceof Error ? exception.stack : String(exception),
      });
    }
    return throwError(() => body);
  }
}
