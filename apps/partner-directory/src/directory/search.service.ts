import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  DirectoryGapReportResultV1,
  DirectoryOriginV1,
  DirectorySearchResultV1,
  DirectorySearchV1,
} from '@linkway/contracts';
import { isAgeEligible, type RankCandidate, rankServices } from '@linkway/domain';
import { JsonReply } from '@linkway/messaging';
import { ValidationFailedError } from '@linkway/util';
import { PostcodeService } from '../postcodes/postcode.service';
import { DirectoryService } from './directory.service';
import { NeedSignals } from './need-signals';
import { type IndexHit, SearchIndex } from './search-index';
import { filterInSql } from './search-sql';
import type { CapacityCounts, ServiceViewRow } from './service-view';
import { searchResultJson } from './view-cache';

export const DEFAULT_RADIUS_KM = 5;
/** Ranking happens in memory over the filtered candidates; more than this asks for a narrower search. */
const MAX_CANDIDATES = 2000;

/** How long the in-memory taxonomy tree (for "a term includes its children") is trusted. */
const TAXONOMY_TTL_MS = 30_000;

/**
 * The taxonomy tree in memory (a few hundred terms at most), so a search filters by plain
 * term ids (index-friendly `= ANY`) instead of a recursive query planned per request.
 */
@Injectable()
export class TaxonomyTree {
  private children = new Map<string, string[]>();
  private known = new Set<string>();
  private loadedAt = 0;

  constructor(private readonly db: DataSource) {}

  /** The terms and all their descendants: searching "physical activity" finds walking football. */
  async withDescendants(termIds: string[]): Promise<string[]> {
    if (Date.now() - this.loadedAt > TAXONOMY_TTL_MS || termIds.some((t) => !this.known.has(t)))
      await this.load();
    const out = new Set<string>();
    const visit = (id: string) => {
      if (out.has(id)) return;
      out.add(id);
      for (const child of this.children.get(id) ?? []) visit(child);
    };
    termIds.forEach(visit);
    return [...out];
  }

  private async load() {
    const rows: Array<{ id: string; parent_id: string | null }> = await this.db.query(
      `SELECT id, parent_id FROM taxonomy_terms`,
    );
    this.children = new Map();
    for (const row of rows)
      if (row.parent_id)
        this.children.set(row.parent_id, [...(this.children.get(row.parent_id) ?? []), row.id]);
    this.known = new Set(rows.map((r) => r.id));
    this.loadedAt = Date.now();
  }
}

@Injectable()
export class SearchService {
  constructor(
    private readonly db: DataSource,
    private readonly directory: DirectoryService,
    private readonly postcodes: PostcodeService,
    private readonly taxonomy: TaxonomyTree,
    private readonly needs: NeedSignals,
    private readonly index: SearchIndex,
  ) {}

  /**
   * Filters (status active, need incl. child terms, text, age, distance with a bounding box
   * first) in the in-memory index, or in SQL for text, then ranks in memory with the domain
   * rule and pages the ranked list.
   */
  async search(query: DirectorySearchV1): Promise<DirectorySearchResultV1> {
    const page = query.page ?? 1;
    const perPage = query.perPage ?? 20;
    const termIds = query.taxonomyTermIds ?? [];
    let origin: DirectoryOriginV1 | undefined;
    if (query.postcode) {
      const resolved = await this.postcodes.resolve(query.postcode);
      origin = { ...resolved };
    }
    const radius = query.radiusKm ?? DEFAULT_RADIUS_KM;
    const wanted = termIds.length ? await this.taxonomy.withDescendants(termIds) : [];
    const filter = {
      termIds: wanted,
      age: query.age,
      near: origin && { origin, radiusKm: radius },
      limit: MAX_CANDIDATES + 1,
    };
    // text search needs Postgres's full-text index; everything else the in-memory index answers
    const rows: Array<IndexHit & { row?: ServiceViewRow; capacity?: CapacityCounts }> =
      (!query.text && this.index.ready ? await this.index.find(filter) : undefined) ??
      (await filterInSql(this.db, { ...filter, text: query.text }));
    if (rows.length > MAX_CANDIDATES)
      throw new ValidationFailedError('Too many matches to rank', [
        { reason: `more than ${MAX_CANDIDATES} services match; add a need, a postcode or text` },
      ]);
    // an unknown term finds nothing: only then is it worth a query to say which term is wrong
    if (!rows.length && termIds.length) await this.refuseUnknownTerms(termIds);
    if (termIds.length && query.recordNeed !== false) this.needs.record(termIds);
    const views = await this.viewsOf(rows);
    const near = new Map(rows.map((r) => [r.id, r]));
    const candidates = views.map((view) => {
      const hit = near.get(view.id);
      const distanceKm = hit?.distance_km == null ? null : Math.round(hit.distance_km * 100) / 100;
      const candidate: RankCandidate & { view: typeof view; locationId: string | null } = {
        id: view.id,
        name: view.name,
        accepting: view.capacity.accepting,
        placesLeft: view.capacity.placesLeft,
        distanceKm,
        stale: view.stale,
        waitingTimeDays: view.capacity.waitingTimeDays ?? null,
        view,
        locationId: hit?.location_id ?? null,
      };
      return candidate;
    });
    const ranked = rankServices(candidates).filter(
      (r) => !query.availableOnly || r.item.view.capacity.available,
    );
    const items = ranked.slice((page - 1) * perPage, page * perPage).map(({ item, score }) => ({
      service: item.view,
      distanceKm: item.distanceKm ?? undefined,
      nearestLocationId: item.locationId ?? undefined,
      eligible: query.age == null || isAgeEligible(item.view, query.age),
      score,
    }));
    return { items, total: ranked.length, page, perPage, origin };
  }

  /** The search answer as JSON, for NATS: the views' JSON is kept with them (view-cache.ts). */
  async searchJson(query: DirectorySearchV1): Promise<JsonReply<DirectorySearchResultV1>> {
    const result = await this.search(query);
    return new JsonReply(searchResultJson(result, (view) => this.directory.viewJson(view)));
  }

  /** Views of the hits: made from the index's rows and capacity, else all from SQL. */
  private async viewsOf(hits: Array<IndexHit & { row?: ServiceViewRow; capacity?: CapacityCounts }>) {
    if (!hits.every((h) => h.row)) return this.directory.views(hits.map((h) => h.id));
    const now = new Date();
    return hits.flatMap(({ row, capacity }) => (row ? [this.directory.indexedView(row, capacity, now)] : []));
  }

  private async refuseUnknownTerms(termIds: string[]) {
    const known: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM taxonomy_terms WHERE id = ANY($1)`,
      [termIds],
    );
    const unknown = termIds.filter((t) => !known.some((k) => k.id === t));
    if (unknown.length)
      throw new ValidationFailedError(
        'Unknown taxonomy terms',
        unknown.map((t) => ({ field: 'taxonomyTermIds', reason: `no taxonomy term ${t}` })),
      );
  }

  /**
   * Needs searched for in the last `days` days (need_signals, written by searches by need)
   * for which no active service under that need (the term or its children) can take a
   * referral now: accepting, and a place left this week.
   */
  async gaps(days: number): Promise<DirectoryGapReportResultV1> {
    await this.needs.flush();
    const since = new Date(Date.now() - days * 86_400_000);
    const signals: Array<{ taxonomy_term_id: string; name: string; searches: number; last: Date }> =
      await this.db.query(
        `SELECT n.taxonomy_term_id, t.name, count(*)::int AS searches, max(n.at) AS last
       FROM need_signals n JOIN taxonomy_terms t ON t.id = n.taxonomy_term_id
       WHERE n.at >= $1 GROUP BY n.taxonomy_term_id, t.name ORDER BY count(*) DESC, t.name`,
        [since],
      );
    const gaps: DirectoryGapReportResultV1['gaps'] = [];
    for (const signal of signals) {
      const ids: Array<{ id: string }> = await this.db.query(
        `SELECT s.id FROM services s WHERE s.status = 'active' AND EXISTS (
           SELECT 1 FROM attributes a WHERE a.link_entity = 'service' AND a.link_id = s.id AND a.taxonomy_term_id = ANY($1))`,
        [await this.taxonomy.withDescendants([signal.taxonomy_term_id])],
      );
      const views = await this.directory.views(ids.map((r) => r.id));
      if (views.some((v) => v.capacity.available)) continue;
      gaps.push({
        taxonomyTermId: signal.taxonomy_term_id,
        name: signal.name,
        searches: signal.searches,
        lastSearchedAt: signal.last.toISOString(),
        activeServices: views.length,
      });
    }
    return { since: since.toISOString(), days, gaps };
  }
}
