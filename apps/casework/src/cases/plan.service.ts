import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { GetPlanHistoryV1, PlanGoalViewV1, PlanVersionViewV1, SavePlanV1 } from '@linkway/contracts';
import { diffPlans } from '@linkway/domain';
import { ConflictError, uuidv7 } from '@linkway/util';
import { caseFor, isoDate } from './access';
import { planView, type PlanVersionRow } from './case-views';

/**
 * The personalised care and support plan. Every save is a new version (nothing is updated in
 * place), with who, when and what changed against the version before.
 */
@Injectable()
export class PlanService {
  private readonly logger = new Logger(PlanService.name);

  constructor(private readonly db: DataSource) {}

  async save(req: SavePlanV1): Promise<PlanVersionViewV1> {
    return this.db.transaction(async (m) => {
      const row = await caseFor(m, req.actor, req.caseId, { forUpdate: true });
      if (row.state === 'closed') throw new ConflictError('The plan of a closed case cannot change');
      const [latest]: PlanVersionRow[] = await m.query(
        `SELECT * FROM plan_version WHERE case_id = $1 ORDER BY version DESC LIMIT 1`,
        [row.id],
      );
      const known = new Set((latest?.goals ?? []).map((g) => g.id));
      const unknown = req.goals.filter((g) => g.id && !known.has(g.id));
      if (unknown.length) {
        throw new ConflictError(
          'A goal id is not in the current plan',
          unknown.map((g) => ({ field: 'goals.id', reason: `${g.id} is not a goal of this plan` })),
        );
      }
      const goals: PlanGoalViewV1[] = req.goals.map((g) => ({
        id: g.id ?? uuidv7(),
        goal: g.goal,
        whyItMatters: g.whyItMatters,
        steps: g.steps,
        whoHelps: g.whoHelps,
        targetDate: g.targetDate ? g.targetDate.slice(0, 10) : null,
        status: g.status,
      }));
      const agreedDate = req.agreedDate ? req.agreedDate.slice(0, 10) : null;
      const diff = diffPlans(
        latest ? { goals: latest.goals, agreedDate: isoDate(latest.agreed_date) } : null,
        { goals, agreedDate },
      );
      if (latest && diff.unchanged) return planView(latest);
      const version = (latest?.version ?? 0) + 1;
      const { unchanged: _unchanged, ...kept } = diff;
      const [saved]: PlanVersionRow[] = await m.query(
        `INSERT INTO plan_version (id, case_id, version, goals, agreed_date, diff, changed_by, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING *`,
        [
          uuidv7(),
          row.id,
          version,
          JSON.stringify(goals),
          agreedDate,
          JSON.stringify(kept),
          req.actor.accountId,
        ],
      );
      this.logger.log({ msg: 'plan saved', caseId: row.id, version });
      return planView(saved);
    });
  }

  async history(req: GetPlanHistoryV1): Promise<{ versions: PlanVersionViewV1[] }> {
    return this.db.transaction(async (m) => {
      const row = await caseFor(m, req.actor, req.caseId);
      const rows: PlanVersionRow[] = await m.query(
        `SELECT * FROM plan_version WHERE case_id = $1 ORDER BY version`,
        [row.id],
      );
      return { versions: rows.map(planView) };
    });
  }
}
