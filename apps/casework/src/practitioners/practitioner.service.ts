import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  AddTrainingV1,
  ListPractitionersV1,
  PairPractitionerV1,
  PractitionerRole,
  PractitionerViewV1,
  RecordSupervisionV1,
  SavePractitionerV1,
  SupervisionSessionViewV1,
} from '@linkway/contracts';
import {
  caseloadLoad,
  chooseMentor,
  DEFAULT_SUPERVISION_CADENCE_DAYS,
  isNewPractitioner,
  supervisionStatus,
} from '@linkway/domain';
import { ConflictError, NotFoundError, uuidv7 } from '@linkway/util';
import { isoDate, MANAGERS, requireRole } from '../cases/access';
import { allocateWaiting } from '../cases/allocation';
import { HUB_SETTINGS, type HubSettings } from '../config/hub-settings';

/** The training course that counts as "trained" for home-environment pathway metrics. */
export const HOME_ENVIRONMENT_COURSE = 'home_environment_schemes';

interface PractitionerRow {
  id: string;
  account_id: string;
  name: string;
  role: string;
  hours_per_week: string;
  caseload_capacity: number;
  active: boolean;
  started_on: Date | string;
  supervision_cadence_days: number;
  mentor_id: string | null;
  open_cases: number;
  last_session_at: Date | null;
}

const SELECT = `
  SELECT p.*,
    (SELECT count(*)::int FROM person_case c WHERE c.practitioner_id = p.id AND c.state <> 'closed') AS open_cases,
    (SELECT max(s.at) FROM supervision_session s WHERE s.practitioner_id = p.id) AS last_session_at
  FROM practitioner p`;

/** Practitioners, training records, caseload load, supervision cadence and pairing (hub manager). */
@Injectable()
export class PractitionerService {
  private readonly logger = new Logger(PractitionerService.name);

  constructor(
    private readonly db: DataSource,
    @Inject(HUB_SETTINGS) private readonly hub: HubSettings,
  ) {}

  private async views(m: EntityManager, rows: PractitionerRow[]): Promise<PractitionerViewV1[]> {
    if (!rows.length) return [];
    const training: Array<{
      id: string;
      practitioner_id: string;
      course: string;
      completed_on: Date | string;
    }> = await m.query(
      `SELECT * FROM training_record WHERE practitioner_id = ANY($1) ORDER BY completed_on, id`,
      [rows.map((r) => r.id)],
    );
    const now = new Date();
    return rows.map((r) => {
      const mine = training.filter((t) => t.practitioner_id === r.id);
      const startedOn = isoDate(r.started_on) as string;
      return {
        id: r.id,
        accountId: r.account_id,
        name: r.name,
        role: r.role as PractitionerRole,
        hoursPerWeek: Number(r.hours_per_week),
        caseloadCapacity: r.caseload_capacity,
        active: r.active,
        startedOn,
        supervisionCadenceDays: r.supervision_cadence_days,
        mentorId: r.mentor_id,
        isNew: isNewPractitioner(new Date(startedOn), now),
        homeEnvironmentTrained: mine.some((t) => t.course === HOME_ENVIRONMENT_COURSE),
        training: mine.map((t) => ({
          id: t.id,
          course: t.course,
          completedOn: isoDate(t.completed_on) as string,
        })),
        load: caseloadLoad(r.open_cases, r.caseload_capacity),
        supervision: supervisionStatus({
          startedAt: new Date(startedOn),
          lastSessionAt: r.last_session_at ? new Date(r.last_session_at) : null,
          cadenceDays: r.supervision_cadence_days,
          now,
        }),
      };
    });
  }

  private async one(m: EntityManager, id: string): Promise<PractitionerViewV1> {
    const rows: PractitionerRow[] = await m.query(`${SELECT} WHERE p.id = $1`, [id]);
    if (!rows[0]) throw new NotFoundError('Practitioner', id);
    return (await this.views(m, rows))[0];
  }

  async save(req: SavePractitionerV1): Promise<PractitionerViewV1> {
    requireRole(req.actor, MANAGERS);
    return this.db.transaction(async (m) => {
      const id = req.id ?? uuidv7();
      if (req.id) {
        const found: unknown[] = await m.query(`SELECT 1 FROM practitioner WHERE id = $1`, [req.id]);
        if (!found.length) throw new NotFoundError('Practitioner', id);
      }
      const clash: Array<{ id: string }> = await m.query(
        `SELECT id FROM practitioner WHERE account_id = $1 AND id <> $2`,
        [req.accountId, id],
      );
      if (clash.length)
        throw new ConflictError('That account is already a practitioner', [
          { field: 'accountId', reason: 'already used' },
        ]);
      await m.query(
        `INSERT INTO practitioner (id, account_id, name, role, hours_per_week, caseload_capacity, active, started_on, supervision_cadence_days)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET account_id = $2, name = $3, role = $4, hours_per_week = $5, caseload_capacity = $6,
           active = $7, started_on = $8, supervision_cadence_days = $9, updated_at = now()`,
        [
          id,
          req.accountId,
          req.name,
          req.role,
          req.hoursPerWeek,
          req.caseloadCapacity ?? this.hub.profile.practitioners.maxOpenCasesPerPractitioner,
          req.active ?? true,
          req.startedOn.slice(0, 10),
          req.supervisionCadenceDays ?? DEFAULT_SUPERVISION_CADENCE_DAYS,
        ],
      );
      this.logger.log({ msg: 'practitioner saved', practitionerId: id, role: req.role });
      await allocateWaiting(m); // new or changed capacity takes waiting cases
      return this.one(m, id);
    });
  }

  async addTraining(req: AddTrainingV1): Promise<PractitionerViewV1> {
    requireRole(req.actor, MANAGERS);
    return this.db.transaction(async (m) => {
      await this.one(m, req.practitionerId);
      await m.query(
        `INSERT INTO training_record (id, practitioner_id, course, completed_on) VALUES ($1, $2, $3, $4)`,
        [uuidv7(), req.practitionerId, req.course, req.completedOn.slice(0, 10)],
      );
      return this.one(m, req.practitionerId);
    });
  }

  async list(
    req: ListPractitionersV1,
  ): Promise<{ practitioners: PractitionerViewV1[]; queued: Record<string, number> }> {
    requireRole(req.actor, MANAGERS);
    return this.db.transaction(async (m) => {
      const rows: PractitionerRow[] = await m.query(`${SELECT} ORDER BY p.name, p.id`);
      const queued: Array<{ queue: string; n: number }> = await m.query(
        `SELECT queue, count(*)::int AS n FROM person_case WHERE practitioner_id IS NULL AND state <> 'closed' GROUP BY queue`,
      );
      return {
        practitioners: await this.views(m, rows),
        queued: Object.fromEntries(queued.map((q) => [q.queue, q.n])),
      };
    });
  }

  async pair(req: PairPractitionerV1): Promise<PractitionerViewV1> {
    requireRole(req.actor, MANAGERS);
    return this.db.transaction(async (m) => {
      const mentee = await this.one(m, req.practitionerId);
      let mentorId = req.mentorId;
      if (!mentorId) {
        const rows: Array<{ id: string; started_on: Date | string; role: string; mentees: number }> =
          await m.query(
            `SELECT p.id, p.started_on, p.role, (SELECT count(*)::int FROM practitioner x WHERE x.mentor_id = p.id) AS mentees
           FROM practitioner p WHERE p.active`,
          );
        const chosen = chooseMentor(
          { id: mentee.id, startedAt: new Date(mentee.startedOn), role: mentee.role },
          rows.map((r) => ({
            id: r.id,
            startedAt: new Date(isoDate(r.started_on) as string),
            role: r.role,
            mentees: r.mentees,
          })),
          new Date(),
        );
        if (!chosen)
          throw new ConflictError('No experienced practitioner of the same role to pair with', [
            { field: 'mentorId', reason: 'none available' },
          ]);
        mentorId = chosen.id;
      } else {
        await this.one(m, mentorId);
        if (mentorId === mentee.id) throw new ConflictError('A practitioner cannot mentor themselves');
      }
      await m.query(`UPDATE practitioner SET mentor_id = $2, updated_at = now() WHERE id = $1`, [
        mentee.id,
        mentorId,
      ]);
      return this.one(m, mentee.id);
    });
  }

  async recordSupervision(req: RecordSupervisionV1): Promise<SupervisionSessionViewV1> {
    requireRole(req.actor, MANAGERS);
    return this.db.transaction(async (m) => {
      await this.one(m, req.practitionerId);
      await this.one(m, req.supervisorId);
      const id = uuidv7();
      await m.query(
        `INSERT INTO supervision_session (id, practitioner_id, supervisor_id, at, cases_discussed, actions, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          id,
          req.practitionerId,
          req.supervisorId,
          new Date(req.at),
          req.casesDiscussed,
          req.actions,
          req.actor.accountId,
        ],
      );
      return {
        id,
        practitionerId: req.practitionerId,
        supervisorId: req.supervisorId,
        at: new Date(req.at).toISOString(),
        casesDiscussed: req.casesDiscussed,
        actions: req.actions,
      };
    });
  }
}
