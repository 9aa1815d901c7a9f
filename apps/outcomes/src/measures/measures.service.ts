import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { HubConfig } from '@linkway/config';
import {
  type CaseOutcomesV1,
  type GetPersonOutcomesV1,
  type MeasureAtTimepointV1,
  OUTCOMES_RECORDED_V1,
  type OutcomeRecordingV1,
  type OutcomeTimepoint,
  type PersonOutcomesV1,
  type RecordOutcomesV1,
} from '@linkway/contracts';
import {
  compareOns4,
  type HubProfile,
  movementOf,
  ONS4_ITEMS,
  ONS4_SCALAR,
  type Ons4Answers,
  SCALAR_MEASURE_RULES,
  swemwbsChange,
  TIMEPOINTS,
} from '@linkway/domain';
import { enqueueEvent } from '@linkway/messaging';
import { NotFoundError, uuidv7, ValidationFailedError } from '@linkway/util';
import { HUB_PROFILE } from '@linkway/platform';
import { ScheduleService } from '../schedule/schedule.service';
import { validateRecording } from './validate-recording';

interface RecordRow {
  case_id: string;
  measure: string;
  timepoint: OutcomeTimepoint;
  score: string;
  detail: Record<string, unknown>;
  recorded_by: string;
  recorded_at: Date;
}

const timepointOrder = (t: string) => TIMEPOINTS.indexOf(t as OutcomeTimepoint);

/** Recording measures, and a person's history with change from baseline. */
@Injectable()
export class MeasuresService {
  private readonly logger = new Logger(MeasuresService.name);
  private readonly hubId: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schedule: ScheduleService,
    @Inject(HUB_PROFILE) private readonly profile: HubProfile,
    config: ConfigService,
  ) {
    this.hubId = config.getOrThrow<HubConfig>('hub').HUB_ID;
  }

  async record(request: RecordOutcomesV1): Promise<OutcomeRecordingV1> {
    const checked = validateRecording(request, this.profile);
    if (!checked.valid) throw new ValidationFailedError('Outcome recording is not valid', checked.errors);
    const recordingId = uuidv7();
    const recordedAt = request.recordedAt ? new Date(request.recordedAt) : new Date();
    const personId = await this.dataSource.transaction(async (manager) => {
      const [kase] = await manager.query<Array<{ person_id: string }>>(
        `SELECT person_id FROM outcome_case WHERE case_id = $1`,
        [request.caseId],
      );
      if (!kase) throw new NotFoundError('Case', request.caseId);
      for (const row of checked.rows) {
        // recording a measure again at the same timepoint corrects it (who and when move too);
        // a follow-up carries its baseline's score, so dashboards pair without a join
        await manager.query(
          `INSERT INTO outcome_record (id, recording_id, case_id, person_id, timepoint, measure, score, detail,
             recorded_by, recorded_at, baseline_score)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
             CASE WHEN $5 = 'baseline' THEN NULL ELSE
               (SELECT score FROM outcome_record WHERE case_id = $3 AND measure = $6 AND timepoint = 'baseline') END)
           ON CONFLICT (case_id, measure, timepoint) DO UPDATE SET recording_id = EXCLUDED.recording_id,
             score = EXCLUDED.score, detail = EXCLUDED.detail, recorded_by = EXCLUDED.recorded_by,
             recorded_at = EXCLUDED.recorded_at, baseline_score = EXCLUDED.baseline_score`,
          [
            uuidv7(),
            recordingId,
            request.caseId,
            kase.person_id,
            request.timepoint,
            row.measure,
            row.score,
            JSON.stringify(row.detail),
            request.actor.accountId,
            recordedAt,
          ],
        );
        if (request.timepoint === 'baseline') {
          // a baseline recorded late or corrected: its follow-ups pair with the new score
          await manager.query(
            `UPDATE outcome_record SET baseline_score = $3
              WHERE case_id = $1 AND measure = $2 AND timepoint <> 'baseline'`,
            [request.caseId, row.measure, row.score],
          );
        }
      }
      await this.schedule.markRecorded(manager, request.caseId, request.timepoint);
      await enqueueEvent(manager, OUTCOMES_RECORDED_V1, {
        recordingId,
        caseId: request.caseId,
        personId: kase.person_id,
        hubId: this.hubId,
        timepoint: request.timepoint,
        measures: checked.rows.map((r) => r.measure),
        recordedBy: request.actor.accountId,
        occurredAt: new Date().toISOString(),
      });
      return kase.person_id;
    });
    this.logger.log({
      msg: 'outcomes recorded',
      caseId: request.caseId,
      recordingId,
      timepoint: request.timepoint,
    });
    return {
      recordingId,
      caseId: request.caseId,
      personId,
      timepoint: request.timepoint,
      recordedBy: request.actor.accountId,
      recordedAt: recordedAt.toISOString(),
      measures: checked.rows,
    };
  }

  /**
   * Narrowed to request.caseIds when given: a link worker sees only their own cases of the
   * person (the gateway asks casework which), never the rest of the person's history.
   */
  async history(request: GetPersonOutcomesV1): Promise<PersonOutcomesV1> {
    const scope = [request.personId, request.caseIds ?? null];
    const cases = await this.dataSource.query<
      Array<{ case_id: string; referral_id: string; closed_at: Date | null }>
    >(
      `SELECT case_id, referral_id, closed_at FROM outcome_case
        WHERE person_id = $1 AND ($2::uuid[] IS NULL OR case_id = ANY($2)) ORDER BY opened_at`,
      scope,
    );
    const records = await this.dataSource.query<RecordRow[]>(
      `SELECT case_id, measure, timepoint, score, detail, recorded_by, recorded_at
         FROM outcome_record WHERE person_id = $1 AND ($2::uuid[] IS NULL OR case_id = ANY($2))`,
      scope,
    );
    if (cases.length === 0 && records.length === 0)
      throw new NotFoundError('Outcomes of person', request.personId);
    const due = await this.dataSource.query<
      Array<{ case_id: string; timepoint: OutcomeTimepoint; due_at: Date; status: string }>
    >(
      `SELECT case_id, timepoint, due_at, status FROM outcome_due
        WHERE person_id = $1 AND ($2::uuid[] IS NULL OR case_id = ANY($2))`,
      scope,
    );
    return {
      personId: request.personId,
      cases: cases.map((c): CaseOutcomesV1 => ({
        caseId: c.case_id,
        referralId: c.referral_id,
        status: c.closed_at ? 'closed' : 'open',
        measures: caseMeasures(records.filter((r) => r.case_id === c.case_id)),
        due: due
          .filter((d) => d.case_id === c.case_id)
          .sort((a, b) => timepointOrder(a.timepoint) - timepointOrder(b.timepoint))
          .map((d) => ({
            timepoint: d.timepoint,
            dueAt: new Date(d.due_at).toISOString(),
            status: d.status,
          })),
      })),
    };
  }
}

/** Each measure's recordings in timepoint order, with change and movement from baseline. */
export function caseMeasures(records: RecordRow[]): Record<string, MeasureAtTimepointV1[]> {
  const byMeasure = new Map<string, RecordRow[]>();
  for (const r of records) byMeasure.set(r.measure, [...(byMeasure.get(r.measure) ?? []), r]);
  const ons4At = (timepoint: string): Ons4Answers | null => {
    const answers = ONS4_ITEMS.map((item) =>
      records.find((r) => r.measure === ONS4_SCALAR[item] && r.timepoint === timepoint),
    );
    if (answers.some((a) => !a)) return null;
    return Object.fromEntries(ONS4_ITEMS.map((item, i) => [item, Number(answers[i]?.score)])) as Ons4Answers;
  };
  const result: Record<string, MeasureAtTimepointV1[]> = {};
  for (const [measure, rows] of byMeasure) {
    const sorted = [...rows].sort((a, b) => timepointOrder(a.timepoint) - timepointOrder(b.timepoint));
    const baseline = sorted.find((r) => r.timepoint === 'baseline');
    const rule = SCALAR_MEASURE_RULES[measure];
    result[measure] = sorted.map((r) => {
      const score = Number(r.score);
      const isFollowUp = baseline !== undefined && r.timepoint !== 'baseline';
      const change = isFollowUp ? Math.round((score - Number(baseline.score)) * 100) / 100 : null;
      const entry: MeasureAtTimepointV1 = {
        timepoint: r.timepoint,
        score,
        detail: r.detail,
        recordedBy: r.recorded_by,
        recordedAt: new Date(r.recorded_at).toISOString(),
        changeFromBaseline: change,
        movement:
          change === null || !rule
            ? null
            : Math.abs(change) < rule.minChange
              ? 'same'
              : movementOf(change, rule.direction),
      };
      if (measure === 'swemwbs') {
        entry.atLeastOneMetricPoint = isFollowUp
          ? swemwbsChange(Number(baseline.score), score).atLeastOneMetricPoint
          : null;
      }
      const ons4Item = ONS4_ITEMS.find((item) => ONS4_SCALAR[item] === measure);
      if (ons4Item) {
        entry.band = String(r.detail.band);
        const before = ons4At('baseline');
        const after = ons4At(r.timepoint);
        entry.bandMove = isFollowUp && before && after ? compareOns4(before, after)[ons4Item].bandMove : null;
      }
      return entry;
    });
  }
  return result;
}
