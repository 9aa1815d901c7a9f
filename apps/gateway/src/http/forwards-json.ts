import { applyDecorators, Header } from '@nestjs/common';

/**
 * For a route that returns a service's answer as JSON text (`RequestClient.requestJson`): the
 * text goes out as it came, so the route must say it is JSON (a Buffer would otherwise be sent
 * as application/octet-stream). The same content type Fastify gives a serialised object.
 */
export const ForwardsJson = () => applyDecorators(Header('content-type', 'application/json; charset=utf-8'));
