import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import type { HubConfig } from '@linkway/config';
import {
  type CaseClosedV1,
  type GpMessageV1,
  OUTCOMES_GP_MESSAGE_READY_V1,
  type OutcomeTimepoint,
} from '@linkway/contracts';
import { type HubProfile, TIMEPOINTS } from '@linkway/domain';
import { enqueueEvent } from '@linkway/messaging';
import { NotFoundError, uuidv7 } from '@linkway/util';
import { HUB_PROFILE } from '@linkway/platform';
import { buildGpMessage } from './gp-message.builder';

interface OutcomeRow {
  measure: string;
  timepoint: OutcomeTimepoint;
  score: string;
  recorded_at: Date;
}

/** Builds the message back to the GP and referrer when a case closes, once per case, through the outbox. */
@Injectable()
export class GpMessageService {
  private readonly logger = new Logger(GpMessageService.name);
  private readonly hub: HubConfig;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(HUB_PROFILE) private readonly profile: HubProfile,
    config: ConfigService,
  ) {
    this.hub = config.getOrThrow<HubConfig>('hub');
  }

  async buildOnClose(manager: EntityManager, event: CaseClosedV1): Promise<void> {
    const rows = await manager.query<OutcomeRow[]>(
      `SELECT measure, timepoint, score, recorded_at FROM outcome_record WHERE case_id = $1`,
      [event.caseId],
    );
    // baseline and the latest follow-up recorded: what changed over the episode
    const order = (t: string) => TIMEPOINTS.indexOf(t as OutcomeTimepoint);
    const lastFollowUp = rows
      .filter((r) => r.timepoint !== 'baseline')
      .reduce<string | null>(
        (max, r) => (max === null || order(r.timepoint) > order(max) ? r.timepoint : max),
        null,
      );
    const outcomes = rows
      .filter((r) => r.timepoint === 'baseline' || r.timepoint === lastFollowUp)
      .sort((a, b) => a.measure.localeCompare(b.measure) || order(a.timepoint) - order(b.timepoint))
      .map((r) => ({
        measure: r.measure,
        timepoint: r.timepoint,
        score: Number(r.score),
        recordedAt: new Date(r.recorded_at).toISOString(),
      }));
    const onward = await manager.query<
      Array<{ directory_service_id: string; partner_organisation_id: string; status: string }>
    >(
      `SELECT directory_service_id, partner_organisation_id, status FROM outcome_onward_referral
        WHERE case_id = $1 ORDER BY sent_at NULLS LAST, onward_referral_id`,
      [event.caseId],
    );
    const messageId = uuidv7();
    const createdAt = new Date().toISOString();
    const document = buildGpMessage({
      messageId,
      hubId: this.hub.HUB_ID,
      hubName: this.profile.name,
      caseId: event.caseId,
      referralId: event.referralId,
      personId: event.personId,
      referrerType: event.referrerType,
      needs: event.needs,
      openedAt: event.openedAt,
      closedAt: event.closedAt,
      closureReason: event.closureReason,
      contactsAttended: event.contactsAttended,
      onward: onward.map((o) => ({
        directoryServiceId: o.directory_service_id,
        partnerOrganisationId: o.partner_organisation_id,
        status: o.status,
      })),
      outcomes,
      createdAt,
    });
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO gp_message (id, case_id, referral_id, person_id, document, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id) DO NOTHING RETURNING id`,
      [messageId, event.caseId, event.referralId, event.personId, JSON.stringify(document), createdAt],
    );
    if (inserted.length === 0) return;
    await enqueueEvent(manager, OUTCOMES_GP_MESSAGE_READY_V1, {
      messageId,
      caseId: event.caseId,
      referralId: event.referralId,
      personId: event.personId,
      hubId: this.hub.HUB_ID,
      document,
      occurredAt: createdAt,
    });
    this.logger.log({
      msg: 'gp message ready',
      caseId: event.caseId,
      messageId,
      observations: outcomes.length,
    });
  }

  /** The newest message for a referral (ownership is checked by the caller: the gateway asks intake). */
  async getByReferral(referralId: string): Promise<GpMessageV1> {
    const [row] = await this.dataSource.query<
      Array<{
        id: string;
        case_id: string;
        referral_id: string;
        person_id: string;
        created_at: Date;
        document: GpMessageV1['document'];
      }>
    >(
      `SELECT id, case_id, referral_id, person_id, created_at, document FROM gp_message
        WHERE referral_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [referralId],
    );
    if (!row) throw new NotFoundError('Message back to the GP for referral', referralId);
    return {
      id: row.id,
      caseId: row.case_id,
      referralId: row.referral_id,
      personId: row.person_id,
      createdAt: new Date(row.created_at).toISOString(),
      document: row.document,
    };
  }
}
