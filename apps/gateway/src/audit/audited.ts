import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { concatMap, type Observable } from 'rxjs';
import { principalOf } from '../auth/principal';
import { AuditService } from './audit.service';

export interface AuditedOptions {
  /** Dotted verb, e.g. `person.read`, `case.update`. */
  action: string;
  /** The kind of record, e.g. `person`, `case`. */
  entity: string;
  /** Route parameter that holds the record's id. */
  idParam?: string;
  /** Why the record is accessed (IG lawful purpose), e.g. `direct_care`. */
  purpose: string;
}

export const AUDITED = 'linkway:audited';

/**
 * Audits a route that reads or changes a person-level record: once the handler has succeeded,
 * and before the response leaves, an audit row is written. If that write fails the caller gets
 * an error, not the data: nothing is disclosed without a trace. Refused and failed requests
 * disclose nothing and are not audited here.
 */
export const Audited = (options: AuditedOptions) =>
  applyDecorators(SetMetadata(AUDITED, options), UseInterceptors(AuditedInterceptor));

@Injectable()
export class AuditedInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<AuditedOptions | undefined>(AUDITED, context.getHandler());
    if (!options)
      throw new Error(`@Audited metadata missing on ${context.getClass().name}.${context.getHandler().name}`);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = principalOf(request);
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    return next.handle().pipe(
      concatMap(async (result) => {
        await this.audit.record({
          actor: principal.accountId,
          role: principal.role,
          hub: principal.hubId,
          action: options.action,
          entity: options.entity,
          entityId: options.idParam ? (params[options.idParam] ?? null) : null,
          purpose: options.purpose,
          requestId: request.id,
        });
        return result;
      }),
    );
  }
}
