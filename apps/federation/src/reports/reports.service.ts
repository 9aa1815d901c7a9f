import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HubsService } from '../hubs/hubs.service';
import { SnapshotStore } from '../snapshots/snapshot-store';
import { REPORTS, type ReportInput, type ReportName } from './report-builder';

export interface ReportQuery {
  period?: 'month' | 'week';
  from?: string;
  to?: string;
  integrationModel?: string;
  archetype?: string;
}

/**
 * Loads the newest snapshot of every (hub, period) in range and builds a protected report.
 * Results are cached until the next snapshot is applied (the store's generation), so a
 * dashboard refresh costs a map lookup.
 */
@Injectable()
export class ReportsService {
  private cache = new Map<string, unknown>();
  private cachedGeneration = -1;

  constructor(
    private readonly dataSource: DataSource,
    private readonly hubs: HubsService,
    private readonly store: SnapshotStore,
  ) {}

  async report(name: ReportName, query: ReportQuery): Promise<unknown> {
    if (this.cachedGeneration !== this.store.generation) {
      this.cache = new Map();
      this.cachedGeneration = this.store.generation;
    }
    const key = JSON.stringify([name, query]);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const generation = this.store.generation;
    const built = REPORTS[name](await this.input(query));
    if (generation === this.store.generation) this.cache.set(key, built);
    return built;
  }

  private async input(query: ReportQuery): Promise<ReportInput> {
    const hubs = (await this.hubs.list()).filter(
      (h) =>
        (!query.integrationModel || h.integrationModel === query.integrationModel) &&
        (!query.archetype || h.archetype === query.archetype),
    );
    const ids = new Set(hubs.map((h) => h.hubId));
    const snapshots = (
      await this.store.latest(this.dataSource.manager, query.period ?? 'month', query.from, query.to)
    ).filter((s) => ids.has(s.hubId));
    return { hubs, snapshots };
  }
}
