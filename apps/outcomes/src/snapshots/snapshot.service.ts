import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { HubConfig } from '@linkway/config';
import {
  hubSnapshotSubject,
  type HubSnapshotV1,
  type PathwayStep,
  type SnapshotBuiltV1,
} from '@linkway/contracts';
import {
  type HubProfile,
  periodContaining,
  periodFromKey,
  previousPeriod,
  type ReportingPeriod,
  type ReportingPeriodKind,
} from '@linkway/domain';
import { enqueueEvent } from '@linkway/messaging';
import { ValidationFailedError } from '@linkway/util';
import { HUB_PROFILE } from '@linkway/platform';
import type { OutcomesConfig } from '../config/outcomes.config';
import { DashboardService } from '../dashboard/dashboard.service';
import { PATHWAY_STEP_ORDER, type SnapshotFacts, snapshotBody } from './snapshot.builder';

/**
 * De-identified hub snapshots for the federation, per week and month. A snapshot is a full
 * recount of its period; it gets a new, higher version only when the recount differs from the
 * last one published (late data), and goes out through the outbox to fed.snapshot.<hubId>.
 */
@Injectable()
export class SnapshotService {
  private readonly logger = new Logger(SnapshotService.name);
  private readonly hub: HubConfig;
  private readonly population: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly dashboard: DashboardService,
    @Inject(HUB_PROFILE) private readonly profile: HubProfile,
    config: ConfigService,
  ) {
    this.hub = config.getOrThrow<HubConfig>('hub');
    this.population = config.getOrThrow<OutcomesConfig>('outcomes').HUB_POPULATION;
  }

  /** The repeating job: this and the previous week and month (late data lands in the previous one). */
  async buildCurrent(now = new Date()): Promise<SnapshotBuiltV1[]> {
    const built: SnapshotBuiltV1[] = [];
    for (const kind of ['week', 'month'] as const) {
      const current = periodContaining(kind, now);
      for (const period of [previousPeriod(current), current]) built.push(await this.build(period));
    }
    return built;
  }

  async buildKey(kind: ReportingPeriodKind, key?: string): Promise<SnapshotBuiltV1> {
    let period: ReportingPeriod;
    try {
      period = key ? periodFromKey(kind, key) : periodContaining(kind, new Date());
    } catch (error) {
      throw new ValidationFailedError('Bad period', [{ field: 'key', reason: (error as Error).message }]);
    }
    return this.build(period);
  }

  async build(period: ReportingPeriod): Promise<SnapshotBuiltV1> {
    const body = snapshotBody(
      {
        hubId: this.hub.HUB_ID,
        hubName: this.profile.name,
        archetype: this.profile.archetype,
        integrationModel: this.profile.homeEnvironment.integrationModel,
        population: this.population,
      },
      { kind: period.kind, key: period.key, start: period.start, end: period.end },
      await this.facts(period),
    );
    const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    return this.dataSource.transaction(async (manager) => {
      // one builder per period at a time (replicas, a manual build during the job)
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `outcomes-snapshot:${period.kind}:${period.key}`,
      ]);
      const [latest] = await manager.query<Array<{ version: number; content_hash: string }>>(
        `SELECT version, content_hash FROM hub_snapshot WHERE period_kind = $1 AND period_key = $2
          ORDER BY version DESC LIMIT 1`,
        [period.kind, period.key],
      );
      if (latest?.content_hash === hash) {
        return { kind: period.kind, key: period.key, version: latest.version, published: false };
      }
      const version = (latest?.version ?? 0) + 1;
      const snapshot: HubSnapshotV1 = { ...body, version, builtAt: new Date().toISOString() };
      await manager.query(
        `INSERT INTO hub_snapshot (period_kind, period_key, version, content_hash, payload, built_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [period.kind, period.key, version, hash, JSON.stringify(snapshot), snapshot.builtAt],
      );
      await enqueueEvent(manager, hubSnapshotSubject(this.hub.HUB_ID), snapshot);
      this.logger.log({ msg: 'hub snapshot built', kind: period.kind, key: period.key, version });
      return { kind: period.kind, key: period.key, version, published: true };
    });
  }

  /** Aggregates only: every query groups or counts; no id, date or free text is selected. */
  private async facts(period: ReportingPeriod): Promise<SnapshotFacts> {
    const range = [period.from.toISOString(), period.to.toISOString()];
    const q = <T>(sql: string, params: unknown[] = range) => this.dataSource.query<T[]>(sql, params);
    const bySource = await q<{ key: string; count: number }>(
      `SELECT referral_source AS key, count(*)::int AS count FROM outcome_referral
        WHERE received_at >= $1 AND received_at < $2 GROUP BY referral_source`,
    );
    const byNeed = await q<{ key: string; count: number }>(
      `SELECT need AS key, count(*)::int AS count FROM outcome_referral, unnest(needs) AS need
        WHERE received_at >= $1 AND received_at < $2 GROUP BY need`,
    );
    const byStatus = await q<{ status: string; count: number }>(
      `SELECT status, count(*)::int AS count FROM outcome_referral
        WHERE received_at >= $1 AND received_at < $2 GROUP BY status`,
    );
    const [cases] = await q<HubSnapshotV1['cases']>(
      `SELECT count(*) FILTER (WHERE opened_at >= $1 AND opened_at < $2)::int AS opened,
              count(*) FILTER (WHERE closed_at >= $1 AND closed_at < $2)::int AS closed,
              COALESCE(sum(contacts_attended) FILTER (WHERE closed_at >= $1 AND closed_at < $2), 0)::int AS "contactsSum",
              count(*) FILTER (WHERE closed_at >= $1 AND closed_at < $2 AND contacts_attended > 0)::int AS "closedWithContacts"
         FROM outcome_case WHERE (opened_at >= $1 AND opened_at < $2) OR (closed_at >= $1 AND closed_at < $2)`,
    );
    const pairs = await this.dashboard.pairAggregates(
      { from: range[0], to: range[1] },
      this.dashboard.defaultFollowUp(),
    );
    const home = await q<{ screened_positive: boolean; furthest: number | null }>(
      `SELECT cardinality(c.home_screen) > 0 AS screened_positive,
              max(array_position($3::text[], s.step)) AS furthest
         FROM outcome_case c LEFT JOIN outcome_pathway_step s ON s.case_id = c.case_id
        WHERE c.opened_at >= $1 AND c.opened_at < $2
        GROUP BY c.case_id, c.home_screen`,
      [...range, PATHWAY_STEP_ORDER],
    );
    const [partners] = await q<{ sent: number; answered: number }>(
      `SELECT count(*)::int AS sent, count(answered_at)::int AS answered FROM outcome_onward_referral
        WHERE sent_at >= $1 AND sent_at < $2`,
    );
    const responseDays = await q<{ days: number; count: number }>(
      `SELECT (response_seconds / 86400)::int AS days, count(*)::int AS count FROM outcome_onward_referral
        WHERE sent_at >= $1 AND sent_at < $2 AND response_seconds IS NOT NULL
        GROUP BY 1 ORDER BY 1`,
    );
    return {
      referralsBySource: bySource,
      referralsByNeed: byNeed,
      referralsByStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.count])),
      cases,
      pairs: pairs.map((p) => ({
        measure: p.measure,
        n: p.n,
        sumBaseline: Number(p.sum_baseline),
        sumFollowUp: Number(p.sum_follow_up),
        sumChange: Number(p.sum_change),
        sumSquares: Number(p.sum_squares),
        nUp: p.n_up,
        nDown: p.n_down,
      })),
      homeEnvironment: home.map((h) => ({
        screenedPositive: h.screened_positive,
        furthest: h.furthest === null ? null : (PATHWAY_STEP_ORDER[h.furthest - 1] as PathwayStep),
      })),
      partnerFeedback: { ...partners, responseDays },
    };
  }
}
