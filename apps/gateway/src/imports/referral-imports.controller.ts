import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { ImportFileError, type ImportReport, runReferralImport } from '@linkway/domain';
import { ValidationFailedError } from '@linkway/util';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../errors/error-body.dto';
import { ReferralsSettings } from '../referrals/referrals.settings';
import { checkIdempotencyKey, ReferralsService } from '../referrals/referrals.service';

/**
 * Bulk CSV import for a hub moving from spreadsheets or a legacy system. The body streams
 * (`Content-Type: text/csv`, never buffered whole); each row becomes a referral through the same
 * checks as every channel, keyed so a re-run of the same file creates nothing twice.
 */
@ApiTags('referrals')
@ApiErrors()
@ApiBearerAuth()
@Controller('referrals/imports')
@Roles('hub_manager', 'admin')
export class ReferralImportsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly settings: ReferralsSettings,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', description: 'CSV with a header row; columns in docs/intake.md' } })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      "The file's key (e.g. its SHA-256): rows without source_id are keyed by it and their row number",
  })
  @ApiOkResponse({ description: 'Per-row report: created, linked or rejected with reasons' })
  async import(
    @Req() request: FastifyRequest,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ImportReport> {
    const body = request.body as Readable | undefined;
    if (!body || typeof (body as Readable).pipe !== 'function') {
      throw new ValidationFailedError('Send the file as text/csv', [
        { field: 'Content-Type', reason: 'must be text/csv' },
      ]);
    }
    const fileKey = checkIdempotencyKey(key);
    const caller = { accountId: principal.accountId, role: principal.role, hubId: principal.hubId };
    try {
      return await runReferralImport(
        body,
        fileKey,
        (draft, rowKey) => this.referrals.create(caller, 'import', draft, rowKey, request.id),
        { concurrency: this.settings.config.IMPORT_CONCURRENCY },
      );
    } catch (error) {
      if (error instanceof ImportFileError)
        throw new ValidationFailedError('The import file cannot be read', error.errors);
      throw error;
    }
  }
}
