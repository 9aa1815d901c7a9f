import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type BoundingBox, boundingBox, haversineKm, type LatLng } from '@linkway/domain';
import { ChangeListener } from '@linkway/persistence';
import { DIRECTORY_CHANGED_CHANNEL } from '../database';
import { SERVICE_VIEW_COLUMNS, type ServiceViewRow } from './service-view';

/** One active service as a search filters it (eligibility ages, geocoded venues), with its view row. */
interface IndexedService {
  id: string;
  minimumAge: number | null;
  maximumAge: number | null;
  locations: Array<{ id: string; latitude: number; longitude: number }>;
  row: ServiceViewRow;
}

interface Snapshot {
  services: IndexedService[];
  byTerm: Map<string, IndexedService[]>;
}

export interface IndexFilter {
  /** The wanted terms with their descendants; empty means any need. */
  termIds: string[];
  age?: number;
  near?: { origin: LatLng; radiusKm: number };
  /** Stop after this many matches (the caller refuses to rank more). */
  limit: number;
}

export interface IndexHit {
  id: string;
  location_id: string | null;
  distance_km: number | null;
}

/** A hit with the row its staff view is made from, as of the same snapshot. */
export type IndexedHit = IndexHit & { row: ServiceViewRow };

/**
 * Every active service's filters (need, age, venues) and staff-view row, held in memory: a
 * hub directory is thousands of rows, and filtering them in Postgres cost a scan and a
 * lateral probe per candidate, then a second query for the views, on every search. Rows
 * stay in Postgres; this is a derived copy, rebuilt whole whenever a committed statement
 * changed a table it is built from (NOTIFY from the `notify_directory_changed` triggers,
 * whoever wrote) and trusted only while the listener is connected: otherwise `ready` is
 * false and search uses SQL. Capacity is not in it: reservations change often, and are
 * counted per search.
 */
@Injectable()
export class SearchIndex implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SearchIndex.name);
  private readonly listener: ChangeListener;
  /** Bumped by every announced change; a snapshot is current only if built at this generation. */
  private generation = 0;
  private current?: { generation: number; snapshot: Snapshot };
  private building?: Promise<void>;

  constructor(private readonly db: DataSource) {
    this.listener = new ChangeListener(db, DIRECTORY_CHANGED_CHANNEL, {
      onChange: () => this.invalidate(),
      onGap: () => this.invalidate(),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
  }

  /** Whether the index may answer: only while no change can have gone unannounced. */
  get ready(): boolean {
    return this.listener.listening;
  }

  /**
   * Forget the snapshot. Called on every notification, and by this process right after it
   * commits a change, so its own next search sees the change without waiting for NOTIFY.
   */
  invalidate(): void {
    this.generation += 1;
  }

  async find(filter: IndexFilter): Promise<IndexedHit[]> {
    const { services, byTerm } = await this.snapshot();
    const pool = filter.termIds.length ? unionOf(filter.termIds.map((t) => byTerm.get(t) ?? [])) : services;
    const box = filter.near && boundingBox(filter.near.origin, filter.near.radiusKm);
    const hits: IndexedHit[] = [];
    for (const service of pool) {
      if (filter.age != null && !ageFits(service, filter.age)) continue;
      let hit: IndexedHit = { id: service.id, location_id: null, distance_km: null, row: service.row };
      if (filter.near && box) {
        const nearest = nearestWithin(service, filter.near.origin, box, filter.near.radiusKm);
        if (!nearest) continue;
        hit = { ...hit, ...nearest };
      }
      hits.push(hit);
      if (hits.length >= filter.limit) break;
    }
    return hits;
  }

  private async snapshot(): Promise<Snapshot> {
    // a build that began before the latest change is stale when it ends: go round again
    while (this.current?.generation !== this.generation) {
      this.building ??= this.build().finally(() => (this.building = undefined));
      await this.building;
    }
    return this.current.snapshot;
  }

  private async build(): Promise<void> {
    const generation = this.generation;
    const started = Date.now();
    const rows: ServiceViewRow[] = await this.db.query(
      `SELECT ${SERVICE_VIEW_COLUMNS} FROM services s JOIN organizations o ON o.id = s.organization_id
       WHERE s.status = 'active' ORDER BY s.id`,
    );
    const services: IndexedService[] = [];
    const byTerm = new Map<string, IndexedService[]>();
    for (const row of rows) {
      const service: IndexedService = {
        id: row.id,
        minimumAge: row.minimum_age,
        maximumAge: row.maximum_age,
        locations: row.locations.flatMap((l) =>
          typeof l['latitude'] === 'number' && typeof l['longitude'] === 'number'
            ? [{ id: l['id'] as string, latitude: l['latitude'], longitude: l['longitude'] }]
            : [],
        ),
        row,
      };
      services.push(service);
      for (const { id: term } of row.terms) {
        const list = byTerm.get(term);
        if (list) list.push(service);
        else byTerm.set(term, [service]);
      }
    }
    this.current = { generation, snapshot: { services, byTerm } };
    this.logger.debug({ msg: 'search index built', services: services.length, ms: Date.now() - started });
  }
}

const ageFits = (s: IndexedService, age: number) =>
  (s.minimumAge == null || s.minimumAge <= age) && (s.maximumAge == null || s.maximumAge >= age);

/** Services under any of the terms, each once (a service can carry a term and its child). */
function unionOf(lists: IndexedService[][]): IndexedService[] {
  if (lists.length === 1) return lists[0] ?? [];
  return [...new Set(lists.flat())];
}

/** The service's nearest venue within the radius (box first, then the exact distance), or none. */
function nearestWithin(service: IndexedService, origin: LatLng, box: BoundingBox, radiusKm: number) {
  let best: { location_id: string; distance_km: number } | undefined;
  for (const l of service.locations) {
    if (l.latitude < box.minLatitude || l.latitude > box.maxLatitude) continue;
    if (l.longitude < box.minLongitude || l.longitude > box.maxLongitude) continue;
    const distance = haversineKm(origin, l);
    if (distance <= radiusKm && (!best || distance < best.distance_km))
      best = { location_id: l.id, distance_km: distance };
  }
  return best;
}
