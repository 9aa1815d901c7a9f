import { Module, type OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AuditModule } from '../audit/audit.module';
import { FhirServiceRequestController } from '../fhir/fhir-service-request.controller';
import { ReferralImportsController } from '../imports/referral-imports.controller';
import { referralsConfig } from './referrals.config';
import { ReferralsController, SelfReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';
import { ReferralsSettings } from './referrals.settings';

/** Referral intake at the gateway: JSON, self-referral, FHIR ServiceRequest and CSV import. */
@Module({
  imports: [ConfigModule.forFeature(referralsConfig), AuditModule],
  controllers: [
    ReferralImportsController,
    ReferralsController,
    SelfReferralsController,
    FhirServiceRequestController,
  ],
  providers: [ReferralsService, ReferralsSettings],
})
export class ReferralsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** CSV imports and FHIR bodies: a CSV body is handed over as a stream, never buffered whole. */
  onModuleInit() {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    if (!fastify.hasContentTypeParser('text/csv')) {
      fastify.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
    }
    if (!fastify.hasContentTypeParser('application/fhir+json')) {
      fastify.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, (_request, body, done) => {
        try {
          done(null, JSON.parse(body as string));
        } catch {
          done(Object.assign(new Error('The body is not valid JSON'), { statusCode: 400 }), undefined);
        }
      });
    }
  }
}
