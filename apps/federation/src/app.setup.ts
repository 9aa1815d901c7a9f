import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createValidationPipe, FederationExceptionFilter } from './errors/http-exception.filter';

export const API_PREFIX = 'api/v1';
export const DOCS_PATH = 'api/docs';

/** Prefix, validation, one error shape, OpenAPI: shared by main.ts and the integration tests. */
export function configureApp(app: NestFastifyApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new FederationExceptionFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Linkway federation (ICS)')
      .setDescription(
        'ICS-wide and per-hub reports from the hubs’ de-identified aggregate snapshots. Every figure is ' +
          'disclosure-controlled (NHS rules): 0 stays 0, 1–7 is `*`, other counts rounded to the nearest 5. ' +
          'Sign in with POST /api/v1/auth/login (roles ics_analyst and admin only).',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json` });
}
