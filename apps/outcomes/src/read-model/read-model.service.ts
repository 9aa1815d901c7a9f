import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CaseClosedV1,
  CaseOpenedV1,
  ContactRecordedV1,
  OnwardReferralStatusChangedV1,
  PartnerFeedbackReceivedV1,
  PathwayStepRecordedV1,
  ReferralEventV1,
} from '@linkway/contracts';
import type { HubProfile } from '@linkway/domain';
import { HUB_PROFILE } from '@linkway/platform';
import { GpMessageService } from '../gp-message/gp-message.service';
import { type AfterCommit, ScheduleService } from '../schedule/schedule.service';

/**
 * The outcomes read model: what dashboards, snapshots and the GP message need from intake and
 * casework, kept from their events (never from their databases). Every write is idempotent on
 * its own too (ON CONFLICT), behind the inbox's exactly-once effect.
 */
@Injectable()
export class ReadModelService {
  private readonly logger = new Logger(ReadModelService.name);

  constructor(
    @Inject(HUB_PROFILE) private readonly profile: HubProfile,
    private readonly schedule: ScheduleService,
    private readonly gpMessages: GpMessageService,
  ) {}

  async referral(manager: EntityManager, event: ReferralEventV1, status: string): Promise<void> {
    const decided = status === 'received' ? null : event.occurredAt;
    await manager.query(
      `INSERT INTO outcome_referral (referral_id, referral_source, needs, integration_model, status, received_at, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (referral_id) DO UPDATE SET status = EXCLUDED.status,
         decided_at = COALESCE(outcome_referral.decided_at, EXCLUDED.decided_at)
       WHERE EXCLUDED.status <> 'received'`,
      [
        event.referralId,
        event.referrerType,
        event.needs,
        event.integrationModel,
        status,
        event.occurredAt,
        decided,
      ],
    );
  }

  async caseOpened(manager: EntityManager, event: CaseOpenedV1): Promise<void> {
    await manager.query(
      `INSERT INTO outcome_case (case_id, referral_id, person_id, practitioner_id, referral_source, needs,
         integration_model, archetype, home_screen, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (case_id) DO UPDATE SET practitioner_id = COALESCE(outcome_case.practitioner_id, EXCLUDED.practitioner_id)`,
      [
        event.caseId,
        event.referralId,
        event.personId,
        event.practitionerId,
        event.referrerType,
        event.needs,
        event.integrationModel,
        this.profile.archetype,
        event.homeScreen,
        event.occurredAt,
      ],
    );
  }

  /** The first attended contact is the baseline: the follow-up schedule starts there. */
  async contactRecorded(
    manager: EntityManager,
    event: ContactRecordedV1,
    afterCommit: AfterCommit,
  ): Promise<void> {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO outcome_contact (contact_id, case_id, at, did_not_attend) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING contact_id`,
      [event.contactId, event.caseId, event.at, event.didNotAttend],
    );
    if (inserted.length === 0) return;
    const [row] = await manager.query<Array<{ person_id: string; first_contact_at: Date | null }>>(
      `SELECT person_id, first_contact_at FROM outcome_case WHERE case_id = $1 FOR UPDATE`,
      [event.caseId],
    );
    // a contact always comes after its case's opened event (one consumer, stream order)
    if (!row) throw new Error(`contact ${event.contactId} for a case not seen yet (${event.caseId})`);
    await manager.query(
      `UPDATE outcome_case SET
         practitioner_id = $2,
         contacts_attended = contacts_attended + CASE WHEN $3 THEN 0 ELSE 1 END,
         contacts_dna = contacts_dna + CASE WHEN $3 THEN 1 ELSE 0 END,
         first_contact_at = CASE WHEN $3 THEN first_contact_at ELSE LEAST(first_contact_at, $4::timestamptz) END,
         updated_at = now()
       WHERE case_id = $1`,
      [event.caseId, event.practitionerId, event.didNotAttend, event.at],
    );
    if (!event.didNotAttend && row.first_contact_at === null) {
      await this.schedule.onFirstContact(
        manager,
        event.caseId,
        row.person_id,
        new Date(event.at),
        afterCommit,
      );
    }
  }

  async onwardReferral(manager: EntityManager, event: OnwardReferralStatusChangedV1): Promise<void> {
    const answered = ['accepted', 'declined'].includes(event.status) ? event.at : null;
    await manager.query(
      `INSERT INTO outcome_onward_referral (onward_referral_id, case_id, directory_service_id, partner_organisation_id,
         status, sent_at, answered_at, response_seconds, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (onward_referral_id) DO UPDATE SET
         status = EXCLUDED.status,
         sent_at = COALESCE(outcome_onward_referral.sent_at, EXCLUDED.sent_at),
         answered_at = COALESCE(outcome_onward_referral.answered_at, EXCLUDED.answered_at),
         response_seconds = COALESCE(outcome_onward_referral.response_seconds, EXCLUDED.response_seconds),
         updated_at = EXCLUDED.updated_at`,
      [
        event.onwardReferralId,
        event.caseId,
        event.directoryServiceId,
        event.partnerOrganisationId,
        event.status,
        event.status === 'sent' ? event.at : null,
        answered,
        event.responseSeconds,
        event.occurredAt,
      ],
    );
  }

  async partnerFeedback(manager: EntityManager, event: PartnerFeedbackReceivedV1): Promise<void> {
    await manager.query(
      `UPDATE outcome_onward_referral SET feedback_at = COALESCE(feedback_at, $2), feedback_outcome = $3
        WHERE onward_referral_id = $1`,
      [event.onwardReferralId, event.occurredAt, event.outcome],
    );
  }

  async pathwayStep(manager: EntityManager, event: PathwayStepRecordedV1): Promise<void> {
    await manager.query(
      `INSERT INTO outcome_pathway_step (case_id, step, decision, integration_model, practitioner_trained, owner, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        event.caseId,
        event.step,
        event.decision,
        event.integrationModel,
        event.practitionerTrained,
        event.owner,
        event.at,
      ],
    );
  }

  /** Closing: the case's facts as casework last knew them, follow-ups cancelled, the GP message built. */
  async caseClosed(manager: EntityManager, event: CaseClosedV1, afterCommit: AfterCommit): Promise<void> {
    await manager.query(
      `INSERT INTO outcome_case (case_id, referral_id, person_id, practitioner_id, referral_source, needs,
         integration_model, archetype, opened_at, first_contact_at, contacts_attended, contacts_dna,
         closed_at, closure_reason, onward_service_ids, onward_completed_service_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (case_id) DO UPDATE SET
         practitioner_id = COALESCE(EXCLUDED.practitioner_id, outcome_case.practitioner_id),
         first_contact_at = COALESCE(outcome_case.first_contact_at, EXCLUDED.first_contact_at),
         contacts_attended = EXCLUDED.contacts_attended,
         contacts_dna = EXCLUDED.contacts_dna,
         closed_at = EXCLUDED.closed_at,
         closure_reason = EXCLUDED.closure_reason,
         onward_service_ids = EXCLUDED.onward_service_ids,
         onward_completed_service_ids = EXCLUDED.onward_completed_service_ids,
         updated_at = now()`,
      [
        event.caseId,
        event.referralId,
        event.personId,
        event.practitionerId,
        event.referrerType,
        event.needs,
        event.integrationModel,
        this.profile.archetype,
        event.openedAt,
        event.firstContactAt,
        event.contactsAttended,
        event.contactsDidNotAttend,
        event.closedAt,
        event.closureReason,
        event.onwardServiceIds,
        event.onwardCompletedServiceIds,
      ],
    );
    await this.schedule.cancel(manager, event.caseId, afterCommit);
    await this.gpMessages.buildOnClose(manager, event);
    this.logger.log({ msg: 'case closed in outcomes', caseId: event.caseId, reason: event.closureReason });
  }
}
