import { Injectable } from '@nestjs/common';
import {
  INTAKE_HANDOFF_UPDATE_V1,
  INTAKE_REFERRAL_CREATE_V1,
  INTAKE_REFERRAL_GET_V1,
  INTAKE_REFERRAL_LIST_V1,
  INTAKE_REFERRAL_TRIAGE_V1,
  type ReferralChannel,
  type ReferralCreatedV1,
  type ReferralDraftV1,
  type ReferralPageV1,
  type ReferralViewV1,
} from '@linkway/contracts';
import { RequestClient } from '@linkway/messaging';
import { ValidationFailedError } from '@linkway/util';
import { AuditService } from '../audit/audit.service';
import type { HandoffUpdateRequest, TriageRequest } from './dto/referral.dto';

/** Who is asking; accountId is null for a public self-referral. */
export interface Caller {
  accountId: string | null;
  role: string;
  hubId: string;
}

const PURPOSE = 'direct_care';
const KEY = /^[\x21-\x7e]{1,200}$/;

/** Validates an Idempotency-Key header: 1–200 visible ASCII characters. */
export function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined || key === '') return undefined;
  if (!KEY.test(key)) {
    throw new ValidationFailedError('Invalid Idempotency-Key', [
      {
        field: 'Idempotency-Key',
        reason: 'must be 1–200 visible ASCII characters (a UUID is a good choice)',
      },
    ]);
  }
  return key;
}

/**
 * The gateway's side of intake: asks referral-intake over NATS and audits every person-level
 * read or change. Idempotency keys are scoped by caller, so two referrers' keys never collide.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly requests: RequestClient,
    private readonly audit: AuditService,
  ) {}

  async create(
    caller: Caller,
    channel: ReferralChannel,
    referral: ReferralDraftV1,
    idempotencyKey: string | undefined,
    requestId: string,
  ): Promise<ReferralCreatedV1> {
    const answer = await this.requests.request(INTAKE_REFERRAL_CREATE_V1, {
      actor: { accountId: caller.accountId, role: caller.role },
      channel,
      idempotencyKey,
      referral,
    });
    await this.audit.record({
      actor: caller.accountId,
      role: caller.role,
      hub: caller.hubId,
      action: answer.linked ? 'referral.link' : 'referral.create',
      entity: 'referral',
      entityId: answer.referral.id,
      purpose: PURPOSE,
      requestId,
    });
    return answer;
  }

  get(caller: Caller, id: string): Promise<ReferralViewV1> {
    return this.requests.request(INTAKE_REFERRAL_GET_V1, { actor: this.actor(caller), id });
  }

  async list(
    caller: Caller,
    query: {
      mine?: boolean;
      status?: ReferralViewV1['status'];
      queue?: string;
      page: number;
      perPage: number;
    },
    requestId: string,
  ): Promise<ReferralPageV1> {
    const page = await this.requests.request(INTAKE_REFERRAL_LIST_V1, {
      actor: this.actor(caller),
      ...query,
    });
    await this.audit.record({
      actor: caller.accountId,
      role: caller.role,
      hub: caller.hubId,
      action: 'referral.list',
      entity: 'referral',
      purpose: PURPOSE,
      requestId,
    });
    return page;
  }

  async triage(caller: Caller, id: string, body: TriageRequest, requestId: string): Promise<ReferralViewV1> {
    const view = await this.requests.request(INTAKE_REFERRAL_TRIAGE_V1, {
      actor: this.actor(caller),
      id,
      ...body,
    });
    await this.audit.record({
      actor: caller.accountId,
      role: caller.role,
      hub: caller.hubId,
      action: `referral.triage.${body.outcome}`,
      entity: 'referral',
      entityId: id,
      purpose: PURPOSE,
      requestId,
    });
    return view;
  }

  async updateHandoff(
    caller: Caller,
    referralId: string,
    body: HandoffUpdateRequest,
    requestId: string,
  ): Promise<ReferralViewV1> {
    const view = await this.requests.request(INTAKE_HANDOFF_UPDATE_V1, {
      actor: this.actor(caller),
      referralId,
      status: body.status,
    });
    await this.audit.record({
      actor: caller.accountId,
      role: caller.role,
      hub: caller.hubId,
      action: `referral.handoff.${body.status}`,
      entity: 'referral',
      entityId: referralId,
      purpose: PURPOSE,
      requestId,
    });
    return view;
  }

  private actor(caller: Caller) {
    return { accountId: caller.accountId, role: caller.role };
  }
}
