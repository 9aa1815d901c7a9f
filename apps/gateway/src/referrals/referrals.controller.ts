import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HubConfig } from '@linkway/config';
import type { ReferralCreatedV1, ReferralDraftV1 } from '@linkway/contracts';
import { ValidationFailedError } from '@linkway/util';
import { Audited } from '../audit/audited';
import { CurrentPrincipal, Public, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../errors/error-body.dto';
import {
  CreateReferralRequest,
  HandoffUpdateRequest,
  ReferralsQuery,
  SelfReferralRequest,
  TriageRequest,
} from './dto/referral.dto';
import { selfReferralLimit } from './referrals.settings';
import { checkIdempotencyKey, ReferralsService } from './referrals.service';

export const uuidParam = new ParseUUIDPipe({
  exceptionFactory: () =>
    new ValidationFailedError('Invalid id', [{ field: 'id', reason: 'must be a UUID' }]),
});

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'A repeat with the same key returns the first answer (same status and body); the same key with another body is 409',
};

/**
 * The answer to any create: 201 and the new referral, or 200 with `linked: true` and
 * `duplicateOf` when the person already has an open referral in this hub (linked, not
 * duplicated). A replay of an Idempotency-Key repeats the first status and body and says so in
 * the `Idempotent-Replayed` header.
 */
export function sendCreated(reply: FastifyReply, answer: ReferralCreatedV1) {
  reply.status(answer.statusCode);
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  return { linked: answer.linked, duplicateOf: answer.duplicateOf, referral: answer.referral };
}

/**
 * A referral form's body as it came. Not a DTO class on purpose: the global ValidationPipe
 * passes it through, and referral-intake checks its form and rules (see dto/referral.dto.ts).
 */
type ReferralForm = Record<string, unknown> | undefined;

/** Forwarded unchecked: intake's checkReferral refuses a draft of the wrong form, naming each field. */
const unchecked = (body: ReferralForm) => body as unknown as ReferralDraftV1;

/** The self-referral form's body, with the referrer type only the form may set. */
function selfReferral(body: ReferralForm): ReferralDraftV1 {
  if (body && 'referrerType' in body) {
    throw new ValidationFailedError('Request validation failed', [
      { field: 'referrerType', reason: 'is set by the self-referral form; leave it out' },
    ]);
  }
  return unchecked(Array.isArray(body) || !body ? body : { ...body, referrerType: 'self' });
}

const principalCaller = (p: Principal) => ({ accountId: p.accountId, role: p.role, hubId: p.hubId });

@ApiTags('referrals')
@ApiErrors()
@ApiBearerAuth()
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  /** A referral from an agency with an account, or by hub staff on someone's behalf. */
  @Post()
  @Roles('referrer', 'link_worker', 'hub_manager')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiBody({ type: CreateReferralRequest })
  async create(
    @Body() body: ReferralForm,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const scoped = checkIdempotencyKey(key);
    const answer = await this.referrals.create(
      principalCaller(principal),
      'api',
      unchecked(body),
      scoped && `api:${principal.accountId}:${scoped}`,
      request.id,
    );
    return sendCreated(reply, answer);
  }

  /** Referrals the caller may see, newest first; a referrer only ever sees their own. */
  @Get()
  @Roles('referrer', 'link_worker', 'hub_manager', 'admin')
  list(
    @Query() query: ReferralsQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    return this.referrals.list(principalCaller(principal), query, request.id);
  }

  /** One referral and its status; a referrer only their own (404 otherwise). */
  @Get(':id')
  @Roles('referrer', 'link_worker', 'hub_manager', 'admin')
  @Audited({ action: 'referral.read', entity: 'referral', idParam: 'id', purpose: 'direct_care' })
  get(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    return this.referrals.get(principalCaller(principal), id);
  }

  /** Accept (route to a queue), decline, signpost or ask for information. */
  @Post(':id/triage')
  @HttpCode(200)
  @Roles('link_worker', 'hub_manager')
  @ApiOkResponse({ description: 'The referral after triage' })
  triage(
    @Param('id', uuidParam) id: string,
    @Body() body: TriageRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    return this.referrals.triage(principalCaller(principal), id, body, request.id);
  }

  /** Track a brokered onward referral: the partner acknowledged, completed or dropped it. */
  @Post(':id/handoff')
  @HttpCode(200)
  @Roles('link_worker', 'hub_manager')
  @ApiOkResponse({ description: 'The referral with its hand-off' })
  updateHandoff(
    @Param('id', uuidParam) id: string,
    @Body() body: HandoffUpdateRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    return this.referrals.updateHandoff(principalCaller(principal), id, body, request.id);
  }
}

/** The public self-referral form: no account, its own stricter rate limit per client address. */
@ApiTags('referrals')
@ApiErrors()
@Controller('self-referrals')
export class SelfReferralsController {
  private readonly hubId: string;

  constructor(
    private readonly referrals: ReferralsService,
    config: ConfigService,
  ) {
    this.hubId = config.getOrThrow<HubConfig>('hub').HUB_ID;
  }

  @Post()
  @Public()
  @Throttle({ default: { limit: () => selfReferralLimit(), ttl: 60_000 } })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiBody({ type: SelfReferralRequest })
  async create(
    @Body() body: ReferralForm,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const scoped = checkIdempotencyKey(key);
    const answer = await this.referrals.create(
      { accountId: null, role: 'self', hubId: this.hubId },
      'self',
      selfReferral(body),
      scoped && `self:${scoped}`,
      request.id,
    );
    return sendCreated(reply, answer);
  }
}
