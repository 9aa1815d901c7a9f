import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { HttpConfig, loadConfig } from '@linkway/config';
import { GatewayConfig } from './config/gateway.config';
import { AllExceptionsFilter } from './errors/all-exceptions.filter';
import { createValidationPipe } from './errors/validation';
import { registerRequestLogging, requestIdOf } from './http/request-logging';
import { registerSecurityHeaders } from './http/security-headers';
import { FHIR_ROUTES } from './fhir/fhir.routes';
import { ORUK_ROUTES } from './oruk/oruk.routes';

export const API_PREFIX = 'api/v1';
export const DOCS_PATH = 'api/docs';

/** Fastify settings that must exist before Nest starts: body limit, proxy trust, request ids. */
export function createFastifyAdapter(env: Record<string, string | undefined> = process.env): FastifyAdapter {
  const http = loadConfig('http', HttpConfig, env);
  const gateway = loadConfig('gateway', GatewayConfig, env);
  return new FastifyAdapter({
    bodyLimit: http.HTTP_BODY_LIMIT_BYTES,
    trustProxy: gateway.TRUST_PROXY,
    genReqId: requestIdOf,
    logger: false,
  });
}

/**
 * Everything the gateway's HTTP surface shares, applied by main.ts and by the integration tests
 * alike: prefix, validation, one error shape, helmet, request logs, OpenAPI.
 */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  registerRequestLogging(fastify);
  registerSecurityHeaders(fastify, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        // Swagger UI's inline bootstrap and styles
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:', 'validator.swagger.io'],
        scriptSrc: [`'self'`, `https: 'unsafe-inline'`],
        // hubs are often reached over plain http on a LAN or localhost; upgrading would break the docs page
        upgradeInsecureRequests: null,
      },
    },
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', ...ORUK_ROUTES, ...FHIR_ROUTES] });
  app.useGlobalPipes(createValidationPipe());
  // Nest also routes Fastify's own errors (413 body too large, bad JSON) through this filter
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  setupOpenApi(app);
}

function setupOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Linkway hub gateway')
    .setDescription(
      'The HTTP API of one Linkway hub. Sign in with POST /api/v1/auth/login, then send the access token ' +
        'as `Authorization: Bearer <token>`. Errors share one shape: { statusCode, error, message, details[] }.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json` });
}
