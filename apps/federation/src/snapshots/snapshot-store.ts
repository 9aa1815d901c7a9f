import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { HubSnapshotV1 } from '@linkway/contracts';

export type ApplyOutcome = 'applied' | 'superseded';

/**
 * Applies snapshots so that the result depends only on the set of snapshots seen, never on
 * their order or repetition: per (hub, period) the highest version wins. A duplicate or an
 * older version changes nothing; a higher one replaces the period's figures whole (they are
 * the hub's full recount of that period, not a delta).
 */
@Injectable()
export class SnapshotStore {
  private readonly logger = new Logger(SnapshotStore.name);
  /** Bumped after every applied snapshot commits; report caches key on it. */
  generation = 0;

  async apply(manager: EntityManager, snapshot: HubSnapshotV1): Promise<ApplyOutcome> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO hub_snapshot (hub_id, period_kind, period_key, version, built_at, received_at, payload)
       VALUES ($1, $2, $3, $4, $5, now(), $6)
       ON CONFLICT (hub_id, period_kind, period_key) DO UPDATE
         SET version = EXCLUDED.version, built_at = EXCLUDED.built_at,
             received_at = EXCLUDED.received_at, payload = EXCLUDED.payload
         WHERE hub_snapshot.version < EXCLUDED.version
       RETURNING version`,
      [
        snapshot.hubId,
        snapshot.period.kind,
        snapshot.period.key,
        snapshot.version,
        snapshot.builtAt,
        JSON.stringify(snapshot),
      ],
    );
    // the registry learns the hub's newest build time either way (a replayed old version cannot move it back)
    await manager.query(
      `INSERT INTO hub (id, name, archetype, integration_model, population, registered_at, last_snapshot_at)
       VALUES ($1, $2, $3, $4, $5, now(), $6)
       ON CONFLICT (id) DO UPDATE
         SET last_snapshot_at = GREATEST(hub.last_snapshot_at, EXCLUDED.last_snapshot_at)`,
      [
        snapshot.hubId,
        snapshot.hubName,
        snapshot.archetype,
        snapshot.integrationModel,
        snapshot.population,
        snapshot.builtAt,
      ],
    );
    const outcome: ApplyOutcome = rows.length > 0 ? 'applied' : 'superseded';
    this.logger.log({
      msg: 'snapshot received',
      hubId: snapshot.hubId,
      period: `${snapshot.period.kind}:${snapshot.period.key}`,
      version: snapshot.version,
      outcome,
    });
    return outcome;
  }

  /** Newest version of every (hub, period) of a kind, optionally within [from, to] period keys. */
  async latest(manager: EntityManager, kind: string, from?: string, to?: string): Promise<HubSnapshotV1[]> {
    const rows: { payload: HubSnapshotV1 }[] = await manager.query(
      `SELECT payload FROM hub_snapshot
        WHERE period_kind = $1 AND ($2::text IS NULL OR period_key >= $2) AND ($3::text IS NULL OR period_key <= $3)
        ORDER BY hub_id, period_key`,
      [kind, from ?? null, to ?? null],
    );
    return rows.map((r) => r.payload);
  }
}
