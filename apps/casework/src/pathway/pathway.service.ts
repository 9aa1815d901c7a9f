import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CASEWORK_PATHWAY_STEP_RECORDED_V1,
  type CaseworkActorV1,
  type GetPathwayMetricsV1,
  type HandoffStatus,
  type ListSchemesV1,
  type PathwayMetricsReportV1,
  type PathwayOwner,
  type PathwayStep,
  type PathwayViewV1,
  type RecordPathwayStepV1,
  type UpdatePathwayHandoffV1,
} from '@linkway/contracts';
import { checkPathwayStep, pathwayMetricsReport, type PathwayRecord } from '@linkway/domain';
import { enqueueEvent } from '@linkway/messaging';
import { ConflictError, NotFoundError, uuidv7, ValidationFailedError } from '@linkway/util';
import { HUB_SETTINGS, type HubSettings } from '../config/hub-settings';
import { caseFor, type CaseRow, MANAGERS, requireRole } from '../cases/access';
import { CaseViews } from '../cases/case-views';
import { HOME_ENVIRONMENT_COURSE } from '../practitioners/practitioner.service';

/**
 * The home-environment navigation pathway of a case: steps in order, each dated with who did
 * it. In the brokered model the partner owns the pathway (the partner organisation the case
 * was referred on to records the steps) and the case keeps the hand-off status.
 */
@Injectable()
export class PathwayService {
  private readonly logger = new Logger(PathwayService.name);

  constructor(
    private readonly db: DataSource,
    private readonly views: CaseViews,
    @Inject(HUB_SETTINGS) private readonly hub: HubSettings,
  ) {}

  /** The case, if the actor may work on its pathway: hub staff (hub-owned) or the partner it was referred to (partner-owned). */
  private async caseForPathway(m: EntityManager, actor: CaseworkActorV1, caseId: string): Promise<CaseRow> {
    if (actor.role !== 'partner') return caseFor(m, actor, caseId, { forUpdate: true });
    const rows: CaseRow[] = await m.query(
      `SELECT c.* FROM person_case c JOIN pathway p ON p.case_id = c.id AND p.owner = 'partner'
       WHERE c.id = $1 AND EXISTS (SELECT 1 FROM onward_referral o WHERE o.case_id = c.id AND o.partner_organisation_id = $2)
       FOR UPDATE OF c`,
      [caseId, actor.partnerOrganisationId ?? ''],
    );
    if (!rows[0]) throw new NotFoundError('Case', caseId);
    return rows[0];
  }

  private async ensurePathway(m: EntityManager, row: CaseRow): Promise<{ id: string; owner: PathwayOwner }> {
    const brokered = row.integration_model === 'brokered_referral';
    await m.query(
      `INSERT INTO pathway (id, case_id, owner, handoff_status, created_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (case_id) DO NOTHING`,
      [uuidv7(), row.id, brokered ? 'partner' : 'hub', brokered ? 'pending' : null],
    );
    const [p]: Array<{ id: string; owner: PathwayOwner }> = await m.query(
      `SELECT id, owner FROM pathway WHERE case_id = $1`,
      [row.id],
    );
    return p;
  }

  async recordStep(req: RecordPathwayStepV1): Promise<PathwayViewV1> {
    requireRole(req.actor, ['link_worker', 'partner', ...MANAGERS]);
    return this.db.transaction(async (m) => {
      const row = await this.caseForPathway(m, req.actor, req.caseId);
      if (row.state === 'closed') throw new ConflictError('A closed case takes no more pathway steps');
      const pathway = await this.ensurePathway(m, row);
      if (pathway.owner === 'partner' && req.actor.role !== 'partner' && !MANAGERS.includes(req.actor.role)) {
        throw new ConflictError(
          'In the brokered model the partner records the pathway; the case keeps the hand-off status',
          [{ field: 'step', reason: 'partner-owned pathway' }],
        );
      }
      const steps: Array<{ step: PathwayStep; decision: string | null }> = await m.query(
        `SELECT step, decision FROM pathway_step WHERE pathway_id = $1`,
        [pathway.id],
      );
      const check = checkPathwayStep(
        steps.map((s) => s.step),
        steps.some((s) => s.decision === 'refused'),
        req.step,
        req.decision,
      );
      if (!check.ok) {
        throw new ConflictError(`Cannot record ${req.step}: ${check.reason}`, [
          { field: 'step', reason: check.reason },
        ]);
      }
      const schemes = req.schemes ?? [];
      const known = new Set(this.hub.schemes.map((s) => s.code));
      const unknown = schemes.filter((s) => !known.has(s));
      if (unknown.length) {
        throw new ValidationFailedError('Unknown scheme', [
          { field: 'schemes', reason: `unknown ${unknown.join(', ')}; use ${[...known].join(', ')}` },
        ]);
      }
      const at = req.at ? new Date(req.at) : new Date();
      const [t]: Array<{ trained: boolean }> = await m.query(
        `SELECT EXISTS (SELECT 1 FROM training_record WHERE practitioner_id = $1 AND course = $2 AND completed_on <= $3::date) AS trained`,
        [row.practitioner_id, HOME_ENVIRONMENT_COURSE, at.toISOString().slice(0, 10)],
      );
      await m.query(
        `INSERT INTO pathway_step (id, pathway_id, step, decision, schemes, council_contact, notes, practitioner_trained, at, by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          uuidv7(),
          pathway.id,
          req.step,
          req.decision ?? null,
          schemes,
          req.councilContact ?? null,
          req.notes ?? null,
          t.trained,
          at,
          req.actor.accountId,
        ],
      );
      await enqueueEvent(m, CASEWORK_PATHWAY_STEP_RECORDED_V1, {
        pathwayId: pathway.id,
        caseId: row.id,
        hubId: this.hub.hubId,
        step: req.step,
        decision: req.decision ?? null,
        schemes,
        integrationModel: row.integration_model,
        owner: pathway.owner,
        practitionerTrained: t.trained,
        at: at.toISOString(),
        by: req.actor.accountId,
        occurredAt: new Date().toISOString(),
      });
      this.logger.log({ msg: 'pathway step recorded', caseId: row.id, step: req.step });
      return (await this.views.pathwayView(m, row.id)) as PathwayViewV1;
    });
  }

  async handoff(req: UpdatePathwayHandoffV1): Promise<PathwayViewV1> {
    return this.db.transaction(async (m) => {
      const row = await caseFor(m, req.actor, req.caseId, { forUpdate: true });
      const pathway = await this.ensurePathway(m, row);
      if (pathway.owner !== 'partner') {
        throw new ConflictError('Only a brokered (partner-owned) pathway has a hand-off', [
          { field: 'status', reason: 'hub-owned pathway' },
        ]);
      }
      await m.query(`UPDATE pathway SET handoff_status = $2 WHERE id = $1`, [
        pathway.id,
        req.status satisfies HandoffStatus,
      ]);
      return (await this.views.pathwayView(m, row.id)) as PathwayViewV1;
    });
  }

  /** Conversion, drop-off per step and hand-off, median days between steps; by model and by training. */
  async metrics(req: GetPathwayMetricsV1): Promise<PathwayMetricsReportV1> {
    requireRole(req.actor, MANAGERS);
    const rows: Array<{
      id: string;
      owner: PathwayOwner;
      handoff_status: HandoffStatus | null;
      integration_model: string;
      opened_at: Date;
      trained: boolean;
    }> = await this.db.query(
      `SELECT p.id, p.owner, p.handoff_status, c.integration_model, c.opened_at,
         EXISTS (SELECT 1 FROM training_record t WHERE t.practitioner_id = c.practitioner_id AND t.course = $1) AS trained
       FROM pathway p JOIN person_case c ON c.id = p.case_id`,
      [HOME_ENVIRONMENT_COURSE],
    );
    const steps: Array<{ pathway_id: string; step: PathwayStep; at: Date; decision: string | null }> =
      await this.db.query(`SELECT pathway_id, step, at, decision FROM pathway_step`);
    const records: PathwayRecord[] = rows.map((r) => {
      const mine = steps.filter((s) => s.pathway_id === r.id);
      return {
        integrationModel: r.integration_model,
        practitionerTrained: r.trained,
        owner: r.owner,
        handoffStatus: r.handoff_status,
        referredAt: new Date(r.opened_at),
        steps: mine.map((s) => ({ step: s.step, at: new Date(s.at) })),
        decision:
          (mine.find((s) => s.step === 'decision')?.decision as 'approved' | 'refused' | undefined) ?? null,
      };
    });
    return pathwayMetricsReport(records);
  }

  schemes(_req: ListSchemesV1) {
    return { schemes: this.hub.schemes };
  }
}
