import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CASEWORK_ONWARD_REFERRAL_NUDGED_V1,
  CASEWORK_ONWARD_REFERRAL_STATUS_CHANGED_V1,
  CASEWORK_PARTNER_FEEDBACK_RECEIVED_V1,
  DIRECTORY_CAPACITY_RELEASE_V1,
  DIRECTORY_CAPACITY_RESERVE_V1,
  DIRECTORY_SERVICE_GET_V1,
  type CreateOnwardReferralV1,
  type DirectoryCapacityReservationV1,
  type GetPartnerResponsivenessV1,
  type ListPartnerReferralsV1,
  type OnwardReferralStatus,
  type OnwardReferralViewV1,
  type PartnerReferralViewV1,
  type PartnerResponsivenessReportV1,
  type UpdateOnwardReferralV1,
} from '@linkway/contracts';
import { checkOnwardTransition, ONWARD_RELEASES_CAPACITY } from '@linkway/domain';
import { enqueueEvent, RequestClient } from '@linkway/messaging';
import { ConflictError, ForbiddenError, NotFoundError, uuidv7, ValidationFailedError } from '@linkway/util';
import { HUB_SETTINGS, type HubSettings } from '../config/hub-settings';
import { caseFor, MANAGERS, requireRole } from '../cases/access';
import { CaseViews, type OnwardRow } from '../cases/case-views';
import { ChaserProducer } from '../jobs/chaser.producer';
import { responsivenessRows, toServiceResponsiveness } from './responsiveness';

const FEEDBACK_STATUSES = ['started', 'completed', 'dropped_out'] as const;

/**
 * Onward referrals from a plan to a directory service: a place reserved at the service (never
 * left reserved when the referral is not stored), the partner's named contact and route, the
 * consent check, the status trail answered by the partner, feedback notifications, and the
 * chasers' effects (nudge, expire).
 */
@Injectable()
export class OnwardService {
  private readonly logger = new Logger(OnwardService.name);

  constructor(
    private readonly db: DataSource,
    private readonly requests: RequestClient,
    private readonly views: CaseViews,
    private readonly chasers: ChaserProducer,
    @Inject(HUB_SETTINGS) private readonly hub: HubSettings,
  ) {}

  async create(req: CreateOnwardReferralV1): Promise<OnwardReferralViewV1> {
    const key = `casework:${req.caseId}:${req.idempotencyKey}`;
    const existing = await this.db.transaction(async (m) => {
      const row = await caseFor(m, req.actor, req.caseId);
      if (row.state === 'closed') throw new ConflictError('A closed case cannot refer on');
      const [plan]: Array<{ version: number }> = await m.query(
        `SELECT version FROM plan_version WHERE case_id = $1 LIMIT 1`,
        [row.id],
      );
      if (!plan) {
        throw new ConflictError('Refer on from a plan: the case has no plan yet', [
          { field: 'caseId', reason: 'no plan' },
        ]);
      }
      const found: OnwardRow[] = await m.query(`SELECT * FROM onward_referral WHERE idempotency_key = $1`, [
        key,
      ]);
      return found[0] ?? null;
    });
    if (existing) return (await this.db.transaction((m) => this.views.onwardViews(m, [existing])))[0];
    if (!req.consentToShare) {
      throw new ValidationFailedError('Consent to share is needed to refer on', [
        {
          field: 'consentToShare',
          reason: 'the person must agree to their details being shared with the partner',
        },
      ]);
    }
    const service = await this.requests.request(DIRECTORY_SERVICE_GET_V1, {
      serviceId: req.directoryServiceId,
    });
    if (!service.capacity.available || service.capacity.accepting !== 'yes') {
      throw new ConflictError('The service is not taking referrals now', [
        {
          field: 'directoryServiceId',
          reason: `accepting: ${service.capacity.accepting}, places left: ${service.capacity.placesLeft ?? 'unlimited'}`,
        },
      ]);
    }
    const id = uuidv7();
    const reservation = await this.reserve(req.directoryServiceId, key, id);
    const contact = service.referral.contacts[0];
    let stored: OnwardRow;
    try {
      stored = await this.db.transaction(async (m) => {
        const row = await caseFor(m, req.actor, req.caseId, { forUpdate: true });
        const now = new Date();
        const inserted: OnwardRow[] = await m.query(
          `INSERT INTO onward_referral (id, case_id, idempotency_key, directory_service_id, service_name, partner_organisation_id,
             contact_name, contact_role, route, reservation_id, status, consent_checked_at, sent_at, created_by, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'sent', $11, $11, $12, $11)
           ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
          [
            id,
            row.id,
            key,
            service.id,
            service.name,
            service.organizationId,
            contact?.name ?? null,
            contact?.role ?? null,
            service.referral.route,
            reservation.reservationId,
            now,
            req.actor.accountId,
          ],
        );
        if (!inserted.length) {
          // a concurrent retry with the same key stored it first: the reservation is the same one (same key)
          return (
            await m.query(`SELECT * FROM onward_referral WHERE idempotency_key = $1`, [key])
          )[0] as OnwardRow;
        }
        await this.recordStatus(m, inserted[0], null, 'sent', {
          byRole: req.actor.role,
          by: req.actor.accountId,
          at: now,
          personId: row.person_id,
        });
        return inserted[0];
      });
    } catch (error) {
      // nothing stored: give the place back (now, or by the cleanup job if the directory does not answer)
      await this.release(reservation.reservationId).catch(() =>
        this.chasers.scheduleReservationCleanup(key, req.directoryServiceId),
      );
      throw error;
    }
    this.logger.log({
      msg: 'onward referral sent',
      onwardReferralId: stored.id,
      caseId: req.caseId,
      serviceId: service.id,
    });
    return (await this.db.transaction((m) => this.views.onwardViews(m, [stored])))[0];
  }

  /**
   * Reserve with the idempotency key. On a timeout the place may have been taken without our
   * knowing it: the cleanup job (retried until the directory answers) looks the reservation up
   * by the same key and gives it back unless an onward referral holds it by then.
   */
  private async reserve(
    serviceId: string,
    key: string,
    reference: string,
  ): Promise<DirectoryCapacityReservationV1> {
    try {
      return await this.requests.request(DIRECTORY_CAPACITY_RESERVE_V1, {
        serviceId,
        idempotencyKey: key,
        reference,
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'TIMEOUT')
        await this.chasers.scheduleReservationCleanup(key, serviceId);
      throw error;
    }
  }

  /**
   * The cleanup job: a reservation made under `key` that no onward referral holds is released.
   * Reserving again with the same key answers the existing reservation (or takes a place that is
   * given straight back); a full or closed service means nothing was reserved under the key.
   */
  async cleanupReservation(key: string, serviceId: string): Promise<'held' | 'released' | 'none'> {
    const held: unknown[] = await this.db.query(`SELECT 1 FROM onward_referral WHERE idempotency_key = $1`, [
      key,
    ]);
    if (held.length) return 'held';
    let reservation: DirectoryCapacityReservationV1;
    try {
      reservation = await this.requests.request(DIRECTORY_CAPACITY_RESERVE_V1, {
        serviceId,
        idempotencyKey: key,
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'CONFLICT' || code === 'NOT_FOUND' || code === 'VALIDATION_FAILED') return 'none';
      throw error;
    }
    await this.release(reservation.reservationId);
    this.logger.log({
      msg: 'orphan reservation released',
      reservationId: reservation.reservationId,
      serviceId,
    });
    return 'released';
  }

  private release(reservationId: string) {
    return this.requests.request(DIRECTORY_CAPACITY_RELEASE_V1, { reservationId });
  }

  /** One status change: the row, its trail entry and its event, in the caller's transaction. */
  private async recordStatus(
    m: EntityManager,
    row: OnwardRow,
    from: OnwardReferralStatus | null,
    to: OnwardReferralStatus,
    who: {
      byRole: string;
      by: string;
      at: Date;
      personId: string;
      reason?: string | null;
      note?: string | null;
    },
  ) {
    const firstAnswer = from === 'sent' && (to === 'accepted' || to === 'declined');
    if (from !== null) {
      await m.query(
        `UPDATE onward_referral SET status = $2, reason = COALESCE($3, reason), updated_at = $4,
           first_answer_at = CASE WHEN $5 THEN $4 ELSE first_answer_at END WHERE id = $1`,
        [row.id, to, who.reason ?? null, who.at, firstAnswer],
      );
    }
    await m.query(
      `INSERT INTO onward_referral_status (id, onward_referral_id, from_status, to_status, reason, note, by_role, by, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [uuidv7(), row.id, from, to, who.reason ?? null, who.note ?? null, who.byRole, who.by, who.at],
    );
    await enqueueEvent(m, CASEWORK_ONWARD_REFERRAL_STATUS_CHANGED_V1, {
      onwardReferralId: row.id,
      caseId: row.case_id,
      personId: who.personId,
      hubId: this.hub.hubId,
      directoryServiceId: row.directory_service_id,
      partnerOrganisationId: row.partner_organisation_id,
      from,
      status: to,
      reasonCode: who.reason ?? null,
      responseSeconds: firstAnswer
        ? Math.round((who.at.getTime() - new Date(row.sent_at).getTime()) / 1000)
        : null,
      byRole: who.byRole,
      at: who.at.toISOString(),
      occurredAt: new Date().toISOString(),
    });
  }

  /** A partner answers (accepted, declined, started, completed, dropped out); hub staff may cancel. */
  async update(req: UpdateOnwardReferralV1): Promise<OnwardReferralViewV1> {
    requireRole(req.actor, ['partner', 'link_worker', ...MANAGERS]);
    const by = req.actor.role === 'partner' ? 'partner' : 'hub';
    const { row, release } = await this.db.transaction(async (m) => {
      const [row]: OnwardRow[] = await m.query(`SELECT * FROM onward_referral WHERE id = $1 FOR UPDATE`, [
        req.onwardReferralId,
      ]);
      if (!row) throw new NotFoundError('Onward referral', req.onwardReferralId);
      if (by === 'partner') {
        if (
          !req.actor.partnerOrganisationId ||
          req.actor.partnerOrganisationId !== row.partner_organisation_id
        ) {
          throw new NotFoundError('Onward referral', req.onwardReferralId);
        }
      } else {
        await caseFor(m, req.actor, row.case_id);
      }
      const from = row.status as OnwardReferralStatus;
      const check = checkOnwardTransition(from, req.status, by, req.reason);
      if (!check.ok) {
        if (check.field === 'reason')
          throw new ValidationFailedError('A reason is needed', [{ field: 'reason', reason: check.reason }]);
        throw new ConflictError(
          `Cannot set ${req.status} on an onward referral in ${from}; allowed: ${check.allowed.join(', ') || 'none'}`,
          [{ field: 'status', reason: check.reason }],
        );
      }
      const [c]: Array<{ person_id: string }> = await m.query(
        `SELECT person_id FROM person_case WHERE id = $1`,
        [row.case_id],
      );
      const now = new Date();
      await this.recordStatus(m, row, from, req.status, {
        byRole: req.actor.role,
        by: req.actor.accountId,
        at: now,
        personId: c.person_id,
        reason: req.reason ?? null,
        note: req.note ?? null,
      });
      if (by === 'partner' && (FEEDBACK_STATUSES as readonly string[]).includes(req.status)) {
        const notificationId = uuidv7();
        const text =
          req.status === 'completed'
            ? `${row.service_name} reports the intervention delivered`
            : req.status === 'started'
              ? `${row.service_name} has started working with the person`
              : `${row.service_name} reports the person dropped out (${req.reason})`;
        await m.query(
          `INSERT INTO case_notification (id, case_id, kind, onward_referral_id, text, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [notificationId, row.case_id, `partner_${req.status}`, row.id, text, now],
        );
        await enqueueEvent(m, CASEWORK_PARTNER_FEEDBACK_RECEIVED_V1, {
          notificationId,
          caseId: row.case_id,
          onwardReferralId: row.id,
          hubId: this.hub.hubId,
          partnerOrganisationId: row.partner_organisation_id,
          outcome: req.status as (typeof FEEDBACK_STATUSES)[number],
          occurredAt: now.toISOString(),
        });
      }
      return { row, release: ONWARD_RELEASES_CAPACITY.includes(req.status) };
    });
    if (release) await this.releaseCapacity(row.id);
    this.logger.log({
      msg: 'onward referral updated',
      onwardReferralId: row.id,
      status: req.status,
      byRole: req.actor.role,
    });
    return this.db.transaction(async (m) => {
      const fresh: OnwardRow[] = await m.query(`SELECT * FROM onward_referral WHERE id = $1`, [row.id]);
      return (await this.views.onwardViews(m, fresh))[0];
    });
  }

  /** Gives the reserved place back once (release is idempotent at the directory; the mark is ours). */
  async releaseCapacity(onwardReferralId: string): Promise<void> {
    const [row]: OnwardRow[] = await this.db.query(`SELECT * FROM onward_referral WHERE id = $1`, [
      onwardReferralId,
    ]);
    if (!row?.reservation_id || row.capacity_released_at) return;
    if (!ONWARD_RELEASES_CAPACITY.includes(row.status as OnwardReferralStatus)) return;
    await this.release(row.reservation_id);
    await this.db.query(
      `UPDATE onward_referral SET capacity_released_at = now() WHERE id = $1 AND capacity_released_at IS NULL`,
      [onwardReferralId],
    );
    this.logger.log({ msg: 'capacity released', onwardReferralId, reservationId: row.reservation_id });
  }

  async partnerList(req: ListPartnerReferralsV1): Promise<{ referrals: PartnerReferralViewV1[] }> {
    requireRole(req.actor, ['partner']);
    if (!req.actor.partnerOrganisationId)
      throw new ForbiddenError('This account answers for no partner organisation');
    return this.db.transaction(async (m) => {
      const rows: Array<OnwardRow & { person_id: string }> = await m.query(
        `SELECT o.*, c.person_id FROM onward_referral o JOIN person_case c ON c.id = o.case_id
         WHERE o.partner_organisation_id = $1 ${req.status ? 'AND o.status = $2' : ''} ORDER BY o.sent_at DESC LIMIT 500`,
        req.status ? [req.actor.partnerOrganisationId, req.status] : [req.actor.partnerOrganisationId],
      );
      const views = await this.views.onwardViews(m, rows);
      return {
        referrals: views.map((v, i) => ({
          id: v.id,
          directoryServiceId: v.directoryServiceId,
          serviceName: v.serviceName,
          personId: rows[i].person_id,
          status: v.status,
          sentAt: v.sentAt,
          trail: v.trail,
        })),
      };
    });
  }

  /**
   * How each partner service answered the referrals sent in the window, measured against the
   * hub's own nudge window (the chaser's first step), so "answered in time" means what the
   * link workers were promised. Hub managers only: it compares partners.
   */
  async responsiveness(req: GetPartnerResponsivenessV1): Promise<PartnerResponsivenessReportV1> {
    requireRole(req.actor, ['hub_manager']);
    const days = req.days ?? 90;
    const now = new Date();
    const from = new Date(now.getTime() - days * 86_400_000);
    const rows = await responsivenessRows(this.db.manager, {
      from,
      now,
      nudgeAfterSeconds: this.hub.nudgeAfterSeconds,
    });
    return {
      days,
      from: from.toISOString(),
      nudgeAfterDays: Math.round((this.hub.nudgeAfterSeconds / 86_400) * 100) / 100,
      services: rows.map(toServiceResponsiveness),
    };
  }

  /** Chaser, first window: still unanswered → one task for the link worker and one nudge event. */
  async nudge(onwardReferralId: string): Promise<'nudged' | 'answered' | 'already'> {
    return this.db.transaction(async (m) => {
      const [row]: OnwardRow[] = await m.query(`SELECT * FROM onward_referral WHERE id = $1 FOR UPDATE`, [
        onwardReferralId,
      ]);
      if (!row || row.status !== 'sent') return 'answered';
      const taskId = uuidv7();
      const inserted: unknown[] = await m.query(
        `INSERT INTO case_task (id, case_id, kind, onward_referral_id, text, created_at)
         VALUES ($1, $2, 'onward_nudge', $3, $4, now()) ON CONFLICT DO NOTHING RETURNING id`,
        [
          taskId,
          row.case_id,
          row.id,
          `No answer yet from ${row.service_name}: chase ${row.contact_name ?? 'the partner'}`,
        ],
      );
      if (!inserted.length) return 'already';
      await enqueueEvent(m, CASEWORK_ONWARD_REFERRAL_NUDGED_V1, {
        onwardReferralId: row.id,
        caseId: row.case_id,
        hubId: this.hub.hubId,
        directoryServiceId: row.directory_service_id,
        partnerOrganisationId: row.partner_organisation_id,
        taskId,
        waitedDays: Math.floor((Date.now() - new Date(row.sent_at).getTime()) / 86_400_000),
        occurredAt: new Date().toISOString(),
      });
      return 'nudged';
    });
  }

  /**
   * Chaser, second window: still unanswered → expired (trail, event, a notification for the
   * link worker) in one transaction, then the place released. A retry after a crash at any
   * point finds the expiry done and only finishes the release.
   */
  async expire(onwardReferralId: string): Promise<'expired' | 'answered'> {
    const outcome = await this.db.transaction(async (m) => {
      const [row]: OnwardRow[] = await m.query(`SELECT * FROM onward_referral WHERE id = $1 FOR UPDATE`, [
        onwardReferralId,
      ]);
      if (!row || row.status !== 'sent') return 'answered' as const;
      const [c]: Array<{ person_id: string }> = await m.query(
        `SELECT person_id FROM person_case WHERE id = $1`,
        [row.case_id],
      );
      const now = new Date();
      await this.recordStatus(m, row, 'sent', 'expired', {
        byRole: 'system',
        by: 'chaser',
        at: now,
        personId: c.person_id,
        reason: 'no_answer',
      });
      await m.query(
        `INSERT INTO case_notification (id, case_id, kind, onward_referral_id, text, created_at)
         VALUES ($1, $2, 'onward_expired', $3, $4, $5) ON CONFLICT DO NOTHING`,
        [
          uuidv7(),
          row.case_id,
          row.id,
          `${row.service_name} never answered: the referral expired and the place was released`,
          now,
        ],
      );
      return 'expired' as const;
    });
    await this.releaseCapacity(onwardReferralId);
    return outcome;
  }
}
