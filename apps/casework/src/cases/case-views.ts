import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CaseQueue,
  CaseState,
  CaseSummaryViewV1,
  CaseViewV1,
  ClosureReason,
  ContactMode,
  HandoffStatus,
  OnwardReferralStatus,
  OnwardReferralViewV1,
  PathwayOwner,
  PathwayStep,
  PathwayViewV1,
  PlanVersionViewV1,
} from '@linkway/contracts';
import { CASE_TRANSITIONS, contactNorms, nextPathwayStep } from '@linkway/domain';
import { HUB_SETTINGS, type HubSettings } from '../config/hub-settings';
import { type CaseRow, iso, isoDate } from './access';

interface ContactRow {
  id: string;
  case_id: string;
  practitioner_id: string;
  at: Date;
  mode: string;
  duration_minutes: number;
  notes: string | null;
  present: string[];
  did_not_attend: boolean;
}

export interface PlanVersionRow {
  version: number;
  goals: PlanVersionViewV1['goals'];
  agreed_date: Date | string | null;
  diff: PlanVersionViewV1['diff'];
  changed_by: string;
  changed_at: Date;
}

export const planView = (r: PlanVersionRow): PlanVersionViewV1 => ({
  version: r.version,
  goals: r.goals,
  agreedDate: isoDate(r.agreed_date),
  changedBy: r.changed_by,
  changedAt: new Date(r.changed_at).toISOString(),
  diff: r.diff,
});

export interface OnwardRow {
  id: string;
  case_id: string;
  directory_service_id: string;
  service_name: string;
  partner_organisation_id: string;
  contact_name: string | null;
  contact_role: string | null;
  route: string | null;
  reservation_id: string | null;
  status: string;
  reason: string | null;
  sent_at: Date;
  first_answer_at: Date | null;
  capacity_released_at: Date | null;
}

/**
 * The caseload's "partner replied": a partner changed an onward referral's status after the
 * case's practitioner last opened the case (or they have never opened it).
 */
export function partnerRepliedSince(lastPartnerAnswerAt: Date | null, seenAt: Date | null): boolean {
  if (!lastPartnerAnswerAt) return false;
  return !seenAt || lastPartnerAnswerAt.getTime() > new Date(seenAt).getTime();
}

/** Builds the answers casework gives about cases, onward referrals and pathways. */
@Injectable()
export class CaseViews {
  constructor(@Inject(HUB_SETTINGS) private readonly hub: HubSettings) {}

  private norms(row: CaseRow, contacts: ContactRow[]) {
    return contactNorms({
      openedAt: new Date(row.opened_at),
      now: new Date(),
      contacts: contacts.map((c) => ({ at: new Date(c.at), didNotAttend: c.did_not_attend })),
      closed: row.state === 'closed',
      flagDays: this.hub.noContactFlagDays,
    });
  }

  /** `lastPartnerAnswerAt`: the latest status change a partner made on any onward referral of the case. */
  private summary(row: CaseRow, contacts: ContactRow[], lastPartnerAnswerAt: Date | null): CaseSummaryViewV1 {
    const norms = this.norms(row, contacts);
    return {
      id: row.id,
      referralId: row.referral_id,
      personId: row.person_id,
      queue: row.queue as CaseQueue,
      practitionerId: row.practitioner_id,
      state: row.state as CaseState,
      closureReason: row.closure_reason as ClosureReason | null,
      needs: row.needs,
      integrationModel: row.integration_model,
      openedAt: new Date(row.opened_at).toISOString(),
      noContactFlag: norms.noContactFlag,
      daysSinceContact: norms.daysSinceContact,
      partnerReplied: partnerRepliedSince(lastPartnerAnswerAt, row.practitioner_seen_at),
    };
  }

  async summaries(m: EntityManager, rows: CaseRow[]): Promise<CaseSummaryViewV1[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [contacts, answers]: [ContactRow[], Array<{ case_id: string; last_answer_at: Date }>] =
      await Promise.all([
        m.query(`SELECT * FROM contact WHERE case_id = ANY($1) ORDER BY at`, [ids]),
        m.query(
          `SELECT r.case_id, max(s.at) AS last_answer_at
             FROM onward_referral r JOIN onward_referral_status s ON s.onward_referral_id = r.id
            WHERE r.case_id = ANY($1) AND s.by_role = 'partner'
            GROUP BY r.case_id`,
          [ids],
        ),
      ]);
    const lastAnswer = new Map(answers.map((a) => [a.case_id, new Date(a.last_answer_at)]));
    return rows.map((r) =>
      this.summary(
        r,
        contacts.filter((c) => c.case_id === r.id),
        lastAnswer.get(r.id) ?? null,
      ),
    );
  }

  async onwardViews(m: EntityManager, rows: OnwardRow[]): Promise<OnwardReferralViewV1[]> {
    if (!rows.length) return [];
    const trail: Array<{
      onward_referral_id: string;
      from_status: string | null;
      to_status: string;
      reason: string | null;
      note: string | null;
      by_role: string;
      at: Date;
    }> = await m.query(
      `SELECT * FROM onward_referral_status WHERE onward_referral_id = ANY($1) ORDER BY at, id`,
      [rows.map((r) => r.id)],
    );
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      directoryServiceId: r.directory_service_id,
      serviceName: r.service_name,
      partnerOrganisationId: r.partner_organisation_id,
      contactName: r.contact_name,
      contactRole: r.contact_role,
      route: r.route,
      reservationId: r.reservation_id,
      status: r.status as OnwardReferralStatus,
      reason: r.reason,
      sentAt: new Date(r.sent_at).toISOString(),
      trail: trail
        .filter((t) => t.onward_referral_id === r.id)
        .map((t) => ({
          from: t.from_status as OnwardReferralStatus | null,
          to: t.to_status as OnwardReferralStatus,
          reason: t.reason,
          note: t.note,
          byRole: t.by_role,
          at: new Date(t.at).toISOString(),
        })),
    }));
  }

  async pathwayView(m: EntityManager, caseId: string): Promise<PathwayViewV1 | null> {
    const [p]: Array<{ id: string; owner: string; handoff_status: string | null }> = await m.query(
      `SELECT id, owner, handoff_status FROM pathway WHERE case_id = $1`,
      [caseId],
    );
    if (!p) return null;
    const steps: Array<{
      step: string;
      at: Date;
      by: string;
      decision: string | null;
      schemes: string[];
      council_contact: string | null;
      notes: string | null;
    }> = await m.query(`SELECT * FROM pathway_step WHERE pathway_id = $1 ORDER BY at, id`, [p.id]);
    const recorded = steps.map((s) => s.step as PathwayStep);
    const refused = steps.some((s) => s.decision === 'refused');
    return {
      id: p.id,
      owner: p.owner as PathwayOwner,
      handoffStatus: p.handoff_status as HandoffStatus | null,
      steps: steps.map((s) => ({
        step: s.step as PathwayStep,
        at: new Date(s.at).toISOString(),
        by: s.by,
        decision: s.decision as 'approved' | 'refused' | null,
        schemes: s.schemes,
        councilContact: s.council_contact,
        notes: s.notes,
      })),
      next: nextPathwayStep(recorded, refused),
    };
  }

  async caseView(m: EntityManager, row: CaseRow): Promise<CaseViewV1> {
    const [[fresh], contacts, transitions, allocations, [wm], [plan], onward, tasks, notes] =
      await Promise.all([
        m.query(`SELECT * FROM person_case WHERE id = $1`, [row.id]) as Promise<CaseRow[]>,
        m.query(`SELECT * FROM contact WHERE case_id = $1 ORDER BY at, id`, [row.id]) as Promise<
          ContactRow[]
        >,
        m.query(`SELECT * FROM case_transition WHERE case_id = $1 ORDER BY at, id`, [row.id]),
        m.query(`SELECT * FROM case_allocation WHERE case_id = $1 ORDER BY at, id`, [row.id]),
        m.query(`SELECT * FROM what_matters WHERE case_id = $1`, [row.id]),
        m.query(`SELECT * FROM plan_version WHERE case_id = $1 ORDER BY version DESC LIMIT 1`, [
          row.id,
        ]) as Promise<PlanVersionRow[]>,
        m.query(`SELECT * FROM onward_referral WHERE case_id = $1 ORDER BY sent_at, id`, [row.id]) as Promise<
          OnwardRow[]
        >,
        m.query(`SELECT * FROM case_task WHERE case_id = $1 AND done_at IS NULL ORDER BY created_at, id`, [
          row.id,
        ]),
        m.query(`SELECT * FROM case_notification WHERE case_id = $1 ORDER BY created_at, id`, [row.id]),
      ]);
    const item = (r: {
      id: string;
      kind: string;
      onward_referral_id: string | null;
      text: string;
      created_at: Date;
    }) => ({
      id: r.id,
      kind: r.kind,
      onwardReferralId: r.onward_referral_id,
      text: r.text,
      createdAt: new Date(r.created_at).toISOString(),
    });
    const onwardReferrals = await this.onwardViews(m, onward);
    const partnerAnswers = onwardReferrals
      .flatMap((o) => o.trail)
      .filter((t) => t.byRole === 'partner')
      .map((t) => new Date(t.at).getTime());
    return {
      ...this.summary(fresh, contacts, partnerAnswers.length ? new Date(Math.max(...partnerAnswers)) : null),
      safeguarding: fresh.safeguarding,
      homeScreen: fresh.home_screen,
      referrerType: fresh.referrer_type,
      transitions: transitions.map(
        (t: {
          from_state: string | null;
          to_state: string;
          closure_reason: string | null;
          by: string;
          at: Date;
        }) => ({
          from: t.from_state as CaseState | null,
          to: t.to_state as CaseState,
          closureReason: t.closure_reason as ClosureReason | null,
          by: t.by,
          at: new Date(t.at).toISOString(),
        }),
      ),
      allowedTransitions: [...CASE_TRANSITIONS[fresh.state as CaseState]],
      allocations: allocations.map(
        (a: { practitioner_id: string; by: string; reason: string | null; at: Date }) => ({
          practitionerId: a.practitioner_id,
          by: a.by,
          reason: a.reason,
          at: new Date(a.at).toISOString(),
        }),
      ),
      contacts: contacts.map((c) => ({
        id: c.id,
        at: new Date(c.at).toISOString(),
        mode: c.mode as ContactMode,
        durationMinutes: c.duration_minutes,
        notes: c.notes,
        present: c.present,
        didNotAttend: c.did_not_attend,
        practitionerId: c.practitioner_id,
      })),
      contactNorms: this.norms(fresh, contacts),
      whatMatters: wm
        ? {
            whatMatters: wm.what_matters,
            strengths: wm.strengths,
            concerns: wm.concerns,
            updatedBy: wm.updated_by,
            updatedAt: iso(wm.updated_at) as string,
          }
        : null,
      plan: plan ? planView(plan) : null,
      onwardReferrals,
      pathway: await this.pathwayView(m, fresh.id),
      tasks: tasks.map(item),
      notifications: notes.map(item),
    };
  }
}
