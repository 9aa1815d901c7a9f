import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorReply } from '../errors/error-reporting';
import { FHIR_PATHS } from './service-request.mapping';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

const ISSUE_CODE: Record<number, string> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-long',
  429: 'throttled',
  503: 'transient',
  504: 'timeout',
};

/**
 * FHIR routes answer errors as an OperationOutcome, one issue per problem, each naming the
 * element (FHIRPath in `expression`) and the reason (`diagnostics`). Status codes as elsewhere.
 */
@Catch()
export class OperationOutcomeFilter implements ExceptionFilter {
  private readonly logger = new Logger(OperationOutcomeFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = errorReply(exception, request, this.logger);
    const code = ISSUE_CODE[body.statusCode] ?? 'exception';
    const details = body.details.length ? body.details : [{ reason: body.message }];
    void reply
      .status(body.statusCode)
      .type(FHIR_JSON)
      .send({
        resourceType: 'OperationOutcome',
        issue: details.map((d) => ({
          severity: 'error',
          code,
          diagnostics: d.reason,
          ...(d.field ? { expression: [FHIR_PATHS[d.field] ?? d.field] } : {}),
        })),
      });
  }
}
