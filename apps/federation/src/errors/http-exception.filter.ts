import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
  ValidationPipe,
} from '@nestjs/common';
import type { ValidationError } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, type ErrorDetail, ValidationFailedError } from '@linkway/util';

const STATUS: Record<string, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
};

/** One error shape, as at the gateway: `{ statusCode, error, message, details }`. */
@Catch()
export class FederationExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(FederationExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let statusCode = 500;
    let error = 'INTERNAL';
    let message = 'Internal error';
    let details: ErrorDetail[] = [];
    if (exception instanceof DomainError) {
      statusCode = STATUS[exception.code] ?? 500;
      error = exception.code;
      message = exception.message;
      details = exception.details;
    } else if (exception instanceof HttpException) {
      statusCode = exception.getStatus();
      error = statusCode === 404 ? 'NOT_FOUND' : `HTTP_${statusCode}`;
      message = exception.message;
    } else {
      this.logger.error({
        msg: 'unhandled error',
        error: (exception as Error)?.message,
        stack: (exception as Error)?.stack,
      });
    }
    void reply.status(statusCode).send({ statusCode, error, message, details });
  }
}

function validationDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    return [
      ...Object.values(e.constraints ?? {}).map((reason) => ({ field, reason })),
      ...validationDetails(e.children ?? [], field),
    ];
  });
}

export const createValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new ValidationFailedError('Request validation failed', validationDetails(errors)),
  });
