import {
  type CallHandler,
  Controller,
  type ExecutionContext,
  Get,
  Injectable,
  type NestInterceptor,
  Param,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DIRECTORY_ORUK_READ_V1, type OrukResource } from '@linkway/contracts';
import { ORUK_PROFILE, ORUK_VERSION } from '@linkway/domain';
import { RequestClient } from '@linkway/messaging';
import { Public } from '../auth/decorators';
import { ApiErrors } from '../errors/error-body.dto';
import { ForwardsJson } from '../http/forwards-json';

/** `GET /oruk/`: what this API is. Static, so it answers even when the directory service is down. */
export const orukRoot = () => ({
  version: ORUK_VERSION,
  profile: ORUK_PROFILE,
  openapi_url: '/api/docs-json',
});

/** ORUK query parameters (all optional strings; the directory validates numbers and dates). */
export class OrukQuery {
  @ApiPropertyOptional({ description: 'Free text over service name and description' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(9) page?: string;
  @ApiPropertyOptional({ description: '1–100, default 50' })
  @IsOptional()
  @IsString()
  @MaxLength(9)
  per_page?: string;
  @ApiPropertyOptional({ description: 'Services under this term or its children' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  taxonomy_term_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) taxonomy_id?: string;
  @ApiPropertyOptional({ description: 'Services whose age range reaches this age' })
  @IsOptional()
  @IsString()
  @MaxLength(9)
  minimum_age?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(9) maximum_age?: string;
  @ApiPropertyOptional({ example: 'LS6 1AA' }) @IsOptional() @IsString() @MaxLength(10) postcode?: string;
  @ApiPropertyOptional({ description: 'Metres from the postcode, default 5000' })
  @IsOptional()
  @IsString()
  @MaxLength(9)
  proximity?: string;
  @ApiPropertyOptional({ description: 'ISO 8601 date-time' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  modified_after?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) organization_id?: string;
}

/** ORUK is a public, keyless API meant for any web page: every answer, errors included, allows any origin. */
@Injectable()
export class AnyOriginInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getResponse<FastifyReply>().header('access-control-allow-origin', '*');
    return next.handle();
  }
}

/**
 * Open Referral UK (HSDS 3.0 UK profile) read API of this hub's directory: public, keyless,
 * public fields only (no named contacts, capacity or partnership data). Served by the
 * partner-directory service over NATS.
 */
@ApiTags('oruk')
@ApiErrors()
@Public()
@SkipThrottle()
@UseInterceptors(AnyOriginInterceptor)
@Controller('oruk')
export class OrukController {
  constructor(private readonly requests: RequestClient) {}

  @Get()
  @ApiOperation({ summary: 'API version and profile' })
  root() {
    return orukRoot();
  }

  @Get('services')
  @ApiOperation({ summary: 'Services, paged, fully nested' })
  @ApiOkResponse({
    description:
      'ORUK page: total_items, total_pages, page_number, size, first_page, last_page, empty, contents',
  })
  @ForwardsJson()
  services(@Query() query: OrukQuery) {
    return this.read('services', undefined, query);
  }

  @Get('services/:id')
  @ForwardsJson()
  service(@Param('id') id: string) {
    return this.read('services', id);
  }

  @Get('service_at_locations')
  @ForwardsJson()
  serviceAtLocations(@Query() query: OrukQuery) {
    return this.read('service_at_locations', undefined, query);
  }

  @Get('service_at_locations/:id')
  @ForwardsJson()
  serviceAtLocation(@Param('id') id: string) {
    return this.read('service_at_locations', id);
  }

  @Get('taxonomies')
  @ForwardsJson()
  taxonomies(@Query() query: OrukQuery) {
    return this.read('taxonomies', undefined, query);
  }

  @Get('taxonomies/:id')
  @ForwardsJson()
  taxonomy(@Param('id') id: string) {
    return this.read('taxonomies', id);
  }

  @Get('taxonomy_terms')
  @ForwardsJson()
  taxonomyTerms(@Query() query: OrukQuery) {
    return this.read('taxonomy_terms', undefined, query);
  }

  @Get('taxonomy_terms/:id')
  @ForwardsJson()
  taxonomyTerm(@Param('id') id: string) {
    return this.read('taxonomy_terms', id);
  }

  private read(resource: OrukResource, id?: string, query?: OrukQuery) {
    const q = Object.fromEntries(
      Object.entries(query ?? {}).filter(([, v]) => typeof v === 'string'),
    ) as Record<string, string>;
    return this.requests.requestJson(DIRECTORY_ORUK_READ_V1, { resource, id, query: q });
  }
}
