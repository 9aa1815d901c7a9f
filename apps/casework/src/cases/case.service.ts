import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CASEWORK_CASE_CLOSED_V1,
  CASEWORK_CASE_OPENED_V1,
  CASEWORK_CASE_TRANSITIONED_V1,
  CASEWORK_CONTACT_RECORDED_V1,
  CASE_QUEUES,
  type AllocateCaseV1,
  type CompleteTaskV1,
  type CaseQueue,
  type CaseState,
  type CaseSummaryViewV1,
  type CaseViewV1,
  type ClosureReason,
  type GetCaseV1,
  type HandoffStatus,
  type IntakeHandoffStatus,
  type ListCasesV1,
  type RecordContactV1,
  type ReferralAcceptedV1,
  type SaveWhatMattersV1,
  type TransitionCaseV1,
} from '@linkway/contracts';
import { checkCaseTransition, choosePractitioner } from '@linkway/domain';
import { enqueueEvent } from '@linkway/messaging';
import { ConflictError, NotFoundError, uuidv7, ValidationFailedError } from '@linkway/util';
import { HUB_SETTINGS, type HubSettings } from '../config/hub-settings';
import { caseFor, type CaseRow, iso, MANAGERS, practitionerIdOf, requireRole } from './access';
import { allocateWaiting, allocationCandidates } from './allocation';
import { CaseViews } from './case-views';

/** Intake's hand-off statuses as the case keeps them. */
const INTAKE_HANDOFF_MAP: Readonly<Record<IntakeHandoffStatus, HandoffStatus>> = {
  requested: 'sent',
  acknowledged: 'accepted',
  completed: 'completed',
  dropped: 'dropped',
};

/**
 * Cases: opened from intake's accepted referrals (allocated to the practitioner with capacity),
 * moved through the lifecycle state machine, contacts and what matters. Every change and its
 * event commit in one transaction.
 */
@Injectable()
export class CaseService {
  private readonly logger = new Logger(CaseService.name);

  constructor(
    private readonly db: DataSource,
    private readonly views: CaseViews,
    @Inject(HUB_SETTINGS) private readonly hub: HubSettings,
  ) {}

  /**
   * Inbox handler for evt.intake.referral.accepted.v1: one case per referral (a redelivery finds
   * it and does nothing), allocated from its queue to the practitioner with capacity.
   */
  async openFromReferral(m: EntityManager, event: ReferralAcceptedV1, messageId: string): Promise<void> {
    const started = Date.now();
    const queue: CaseQueue = (CASE_QUEUES as readonly string[]).includes(event.queue ?? '')
      ? (event.queue as CaseQueue)
      : 'general';
    const id = uuidv7();
    const now = new Date();
    const inserted: Array<{ id: string }> = await m.query(
      `INSERT INTO person_case (id, referral_id, person_id, queue, state, referrer_type, needs, home_screen,
         integration_model, safeguarding, opened_at, updated_at)
       VALUES ($1, $2, $3, $4, 'allocated', $5, $6, $7, $8, $9, $10, $10)
       ON CONFLICT (referral_id) DO NOTHING RETURNING id`,
      [
        id,
        event.referralId,
        event.personId,
        queue,
        event.referrerType,
        event.needs,
        event.homeScreen,
        event.integrationModel,
        event.safeguarding,
        now,
      ],
    );
    if (!inserted.length) {
      this.logger.log({ msg: 'case already open for referral', referralId: event.referralId, messageId });
      return;
    }
    const chosen = choosePractitioner(queue, await allocationCandidates(m));
    await m.query(
      `INSERT INTO case_transition (id, case_id, from_state, to_state, by, at) VALUES ($1, $2, NULL, 'allocated', 'system', $3)`,
      [uuidv7(), id, now],
    );
    if (chosen) {
      await m.query(`UPDATE person_case SET practitioner_id = $2 WHERE id = $1`, [id, chosen.id]);
      await m.query(
        `INSERT INTO case_allocation (id, case_id, practitioner_id, by, reason, at) VALUES ($1, $2, $3, 'system', NULL, $4)`,
        [uuidv7(), id, chosen.id, now],
      );
    }
    if (event.homeScreen.length && event.integrationModel !== 'none') {
      const brokered = event.integrationModel === 'brokered_referral';
      await m.query(
        `INSERT INTO pathway (id, case_id, owner, handoff_status, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [uuidv7(), id, brokered ? 'partner' : 'hub', brokered ? 'pending' : null, now],
      );
    }
    await enqueueEvent(m, CASEWORK_CASE_OPENED_V1, {
      caseId: id,
      referralId: event.referralId,
      personId: event.personId,
      hubId: this.hub.hubId,
      queue,
      practitionerId: chosen?.id ?? null,
      referrerType: event.referrerType,
      needs: event.needs,
      integrationModel: event.integrationModel,
      homeScreen: event.homeScreen,
      safeguarding: event.safeguarding,
      occurredAt: now.toISOString(),
    });
    this.logger.log({
      msg: 'case opened',
      caseId: id,
      referralId: event.referralId,
      queue,
      practitionerId: chosen?.id ?? null,
      messageId,
      ms: Date.now() - started,
    });
  }

  /**
   * Inbox handler for intake's hand-off events (brokered model): the case keeps the hand-off
   * status while the partner owns the pathway. Intake writes the request with the accepted
   * event; if the case is not open yet (the consumers run independently) the throw makes the
   * inbox retry later.
   */
  async syncHandoff(
    m: EntityManager,
    referralId: string,
    intakeStatus: IntakeHandoffStatus,
    messageId: string,
  ) {
    const status: HandoffStatus = INTAKE_HANDOFF_MAP[intakeStatus];
    const rows: Array<{ id: string }> = await m.query(`SELECT id FROM person_case WHERE referral_id = $1`, [
      referralId,
    ]);
    if (!rows[0]) throw new Error(`no case yet for referral ${referralId}; retrying`);
    await m.query(
      `INSERT INTO pathway (id, case_id, owner, handoff_status, created_at) VALUES ($1, $2, 'partner', $3, now())
       ON CONFLICT (case_id) DO UPDATE SET handoff_status = $3`,
      [uuidv7(), rows[0].id, status],
    );
    this.logger.log({ msg: 'hand-off status', caseId: rows[0].id, referralId, status, messageId });
  }

  /**
   * One case. When its own practitioner opens it, the time is kept as "last seen", which clears
   * the caseload's "partner replied" flag until a partner answers again; anyone else's read
   * (a hub manager's) leaves it.
   */
  get(req: GetCaseV1): Promise<CaseViewV1> {
    return this.db.transaction(async (m) => {
      const row = await caseFor(m, req.actor, req.caseId);
      const mine = await practitionerIdOf(m, req.actor.accountId);
      if (mine && mine === row.practitioner_id) {
        await m.query(`UPDATE person_case SET practitioner_seen_at = $2 WHERE id = $1`, [row.id, new Date()]);
      }
      return this.views.caseView(m, row);
    });
  }

  async list(req: ListCasesV1): Promise<{ cases: CaseSummaryViewV1[] }> {
    requireRole(req.actor, ['link_worker', ...MANAGERS]);
    return this.db.transaction(async (m) => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (!MANAGERS.includes(req.actor.role)) {
        params.push(
          (await practitionerIdOf(m, req.actor.accountId)) ?? '00000000-0000-0000-0000-000000000000',
        );
        where.push(`practitioner_id = $${params.length}`);
      } else if (req.practitionerId) {
        params.push(req.practitionerId);
        where.push(`practitioner_id = $${params.length}`);
      }
      if (req.state) {
        params.push(req.state);
        where.push(`state = $${params.length}`);
      }
      if (req.queue) {
        params.push(req.queue);
        where.push(`queue = $${params.length}`);
      }
      const rows: CaseRow[] = await m.query(
        `SELECT * FROM person_case ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC LIMIT 500`,
        params,
      );
      const cases = await this.views.summaries(m, rows);
      return { cases: req.noContactOnly ? cases.filter((c) => c.noContactFlag) : cases };
    });
  }

  async transition(req: TransitionCaseV1): Promise<CaseViewV1> {
    return this.db.transaction(async (m) => {
      const row = await caseFor(m, req.actor, req.caseId, { forUpdate: true });
      const from = row.state as CaseState;
      const check = checkCaseTransition(from, req.to, req.closureReason ?? null);
      if (!check.ok) {
        if (check.field === 'to') {
          throw new ConflictError(
            `Cannot move a case from ${from} to ${req.to}; allowed: ${check.allowed.join(', ') || 'none'}`,
            [{ field: 'to', reason: check.reason }],
          );
        }
        throw new ValidationFailedError('Invalid transition', [{ field: check.field, reason: check.reason }]);
      }
      const now = new Date();
      const closing = req.to === 'closed';
      await m.query(
        `UPDATE person_case SET state = $2, closure_reason = $3, updated_at = $4,
           first_contact_at = CASE WHEN $2 = 'first_contact' AND first_contact_at IS NULL THEN $4 ELSE first_contact_at END,
           plan_agreed_at = CASE WHEN $2 = 'plan_agreed' AND plan_agreed_at IS NULL THEN $4 ELSE plan_agreed_at END,
           closed_at = CASE WHEN $2 = 'closed' THEN $4 ELSE closed_at END
         WHERE id = $1`,
        [row.id, req.to, closing ? req.closureReason : null, now],
      );
      await m.query(
        `INSERT INTO case_transition (id, case_id, from_state, to_state, closure_reason, by, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [uuidv7(), row.id, from, req.to, closing ? req.closureReason : null, req.actor.accountId, now],
      );
      await enqueueEvent(m, CASEWORK_CASE_TRANSITIONED_V1, {
        caseId: row.id,
        personId: row.person_id,
        hubId: this.hub.hubId,
        from,
        to: req.to,
        closureReason: closing ? (req.closureReason as ClosureReason) : null,
        by: req.actor.accountId,
        occurredAt: now.toISOString(),
      });
      if (closing) {
        await this.enqueueClosed(m, row.id, req.closureReason as ClosureReason, now);
        await allocateWaiting(m); // a place just came free
      }
      this.logger.log({ msg: 'case transitioned', caseId: row.id, from, to: req.to });
      return this.views.caseView(m, await caseFor(m, req.actor, req.caseId));
    });
  }

  /** What outcomes needs about a closed case, from casework's rows, into the same transaction. */
  private async enqueueClosed(m: EntityManager, caseId: string, reason: ClosureReason, now: Date) {
    const [c]: Array<CaseRow & { attended: number; dna: number; delivered: boolean }> = await m.query(
      `SELECT c.*,
         (SELECT count(*)::int FROM contact WHERE case_id = c.id AND NOT did_not_attend) AS attended,
         (SELECT count(*)::int FROM contact WHERE case_id = c.id AND did_not_attend) AS dna,
         EXISTS (SELECT 1 FROM pathway p JOIN pathway_step s ON s.pathway_id = p.id
                 WHERE p.case_id = c.id AND s.step = 'intervention_delivered') AS delivered
       FROM person_case c WHERE c.id = $1`,
      [caseId],
    );
    const onward: Array<{ directory_service_id: string; status: string }> = await m.query(
      `SELECT directory_service_id, status FROM onward_referral WHERE case_id = $1 ORDER BY sent_at`,
      [caseId],
    );
    await enqueueEvent(m, CASEWORK_CASE_CLOSED_V1, {
      caseId,
      referralId: c.referral_id,
      personId: c.person_id,
      hubId: this.hub.hubId,
      closureReason: reason,
      referrerType: c.referrer_type,
      needs: c.needs,
      practitionerId: c.practitioner_id,
      integrationModel: c.integration_model,
      archetype: this.hub.profile.archetype,
      openedAt: new Date(c.opened_at).toISOString(),
      firstContactAt: iso(c.first_contact_at),
      planAgreedAt: iso(c.plan_agreed_at),
      contactsAttended: c.attended,
      contactsDidNotAttend: c.dna,
      onwardServiceIds: [...new Set(onward.map((o) => o.directory_service_id))],
      onwardCompletedServiceIds: [
        ...new Set(onward.filter((o) => o.status === 'completed').map((o) => o.directory_service_id)),
      ],
      interventionDelivered: c.delivered,
      closedAt: now.toISOString(),
      occurredAt: now.toISOString(),
    });
  }

  /** A hub manager moves a case to a practitioner, recorded with a reason (over capacity is allowed and shown). */
  async allocate(req: AllocateCaseV1): Promise<CaseViewV1> {
    requireRole(req.actor, MANAGERS);
    return this.db.transaction(async (m) => {
      const row = await caseFor(m, req.actor, req.caseId, { forUpdate: true });
      if (row.state === 'closed') throw new ConflictError('A closed case cannot be reallocated');
      const p: Array<{ id: string; active: boolean }> = await m.query(
        `SELECT id, active FROM practitioner WHERE id = $1`,
        [req.practitionerId],
      );
      if (!p[0]) throw new NotFoundError('Practitioner', req.practitionerId);
      if (!p[0].active)
        throw new ConflictError('That practitioner is not active', [
          { field: 'practitionerId', reason: 'inactive' },
        ]);
      const now = new Date();
      // the new practitioner has seen none of the partners' answers yet
      await m.query(
        `UPDATE person_case SET practitioner_id = $2, updated_at = $3,
           practitioner_seen_at = CASE WHEN practitioner_id = $2 THEN practitioner_seen_at END
         WHERE id = $1`,
        [row.id, req.practitionerId, now],
      );
      await m.query(
        `INSERT INTO case_allocation (id, case_id, practitioner_id, by, reason, at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [uuidv7(), row.id, req.practitionerId, req.actor.accountId, req.reason, now],
      );
      this.logger.log({ msg: 'case allocated by hand', caseId: row.id, practitionerId: req.practitionerId });
      return this.views.caseView(m, await caseFor(m, req.actor, req.caseId));
    });
  }

  async recordContact(req: RecordContactV1): Promise<CaseViewV1> {
    return this.db.transaction(async (m) => {
      const row = await caseFor(m, req.actor, req.caseId, { forUpdate: true });
      if (row.state === 'closed') throw new ConflictError('A closed case takes no more contacts');
      const practitionerId = (await practitionerIdOf(m, req.actor.accountId)) ?? row.practitioner_id;
      if (!practitionerId) {
        throw new ConflictError('The case has no practitioner yet; allocate it first', [
          { field: 'caseId', reason: 'unallocated' },
        ]);
      }
      const id = uuidv7();
      const at = new Date(req.at);
      await m.query(
        `INSERT INTO contact (id, case_id, practitioner_id, at, mode, duration_minutes, notes, present, did_not_attend, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          id,
          row.id,
          practitionerId,
          at,
          req.mode,
          req.durationMinutes,
          req.notes ?? null,
          req.present ?? [],
          req.didNotAttend ?? false,
          req.actor.accountId,
        ],
      );
      const [{ n }]: Array<{ n: number }> = await m.query(
        `SELECT count(*)::int AS n FROM contact WHERE case_id = $1 AND NOT did_not_attend`,
        [row.id],
      );
      await enqueueEvent(m, CASEWORK_CONTACT_RECORDED_V1, {
        contactId: id,
        caseId: row.id,
        personId: row.person_id,
        hubId: this.hub.hubId,
        practitionerId,
        at: at.toISOString(),
        mode: req.mode,
        durationMinutes: req.durationMinutes,
        didNotAttend: req.didNotAttend ?? false,
        attendedCount: n,
        occurredAt: new Date().toISOString(),
      });
      return this.views.caseView(m, row);
    });
  }

  /** Marks a task on the case done; a second call changes nothing. */
  async completeTask(req: CompleteTaskV1): Promise<CaseViewV1> {
    return this.db.transaction(async (m) => {
      const row = await caseFor(m, req.actor, req.caseId, { forUpdate: true });
      const done: unknown[] = await m.query(
        `UPDATE case_task SET done_at = COALESCE(done_at, now()) WHERE id = $1 AND case_id = $2 RETURNING id`,
        [req.taskId, row.id],
      );
      if (!done.length) throw new NotFoundError('Task', req.taskId);
      return this.views.caseView(m, row);
    });
  }

  async saveWhatMatters(req: SaveWhatMattersV1): Promise<CaseViewV1> {
    return this.db.transaction(async (m) => {
      const row = await caseFor(m, req.actor, req.caseId, { forUpdate: true });
      await m.query(
        `INSERT INTO what_matters (case_id, what_matters, strengths, concerns, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (case_id) DO UPDATE SET what_matters = $2, strengths = $3, concerns = $4, updated_by = $5, updated_at = now()`,
        [row.id, req.whatMatters, req.strengths, req.concerns, req.actor.accountId],
      );
      return this.views.caseView(m, row);
    });
  }
}
