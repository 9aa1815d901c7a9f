import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type BoundingBox,
  boundingBox,
  CAPACITY_WINDOW_DAYS,
  haversineKm,
  type LatLng,
} from '@linkway/domain';
import { ChangeListener } from '@linkway/persistence';
import { CAPACITY_CHANGED_PREFIX, DIRECTORY_CHANGED_CHANNEL } from '../database';
import { type CapacityCounts, SERVICE_VIEW_COLUMNS, type ServiceViewRow } from './service-view';

/** Rebuilds one search waits for before it gives up on the index and runs as SQL. */
const MAX_BUILDS_PER_SEARCH = 2;

/** One service as a search filters it (eligibility ages, geocoded venues), with its view row. */
interface IndexedService {
  id: string;
  /**
   * Its status is active. Kept here, not read from `row`: a search walks a few hundred
   * services, and reaching into each large row object (scattered in the heap) for its status
   * was a cache miss a service, a quarter of the directory's CPU under load.
   */
  active: boolean;
  organizationId: string;
  /** Its place in ORUK order (name, id, as Postgres collates them). */
  position: number;
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

/** `/oruk/services` filters the index can apply (text, taxonomy and modified_after go to SQL). */
export interface OrukServicesFilter {
  termIds: string[];
  taxonomyId?: string;
  text?: string;
  organizationId?: string;
  /** ORUK ages overlap: a service for 18–64 matches minimum_age=60. */
  minimumAge?: number;
  maximumAge?: number;
  modifiedAfter?: Date;
  near?: { origin: LatLng; radiusKm: number };
}

export interface IndexHit {
  id: string;
  location_id: string | null;
  distance_km: number | null;
}

/** A hit with the row its staff view is made from (as of the same snapshot) and its capacity now. */
export type IndexedHit = IndexHit & { row: ServiceViewRow; capacity: CapacityCounts };

/**
 * Every service's filters (need, age, venues) and staff-view row, held in memory in ORUK
 * order, for the staff search (active services) and `/oruk/services` (all of them): a
 * hub directory is thousands of rows, and filtering them in Postgres cost a scan and a
 * lateral probe per candidate, then a second query for the views, on every search. Rows
 * stay in Postgres; this is a derived copy, rebuilt whole whenever a committed statement
 * changed a table it is built from (NOTIFY from the `notify_directory_changed` triggers,
 * whoever wrote) and trusted only while the listener is connected: otherwise `ready` is
 * false and search uses SQL. Open reservations (capacity) change often, so they are kept
 * apart and read again per service when that service's reservations change.
 */
@Injectable()
export class SearchIndex implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SearchIndex.name);
  private readonly listener: ChangeListener;
  /** Bumped by every announced change; a snapshot is current only if built at this generation. */
  private generation = 0;
  private current?: { generation: number; snapshot: Snapshot };
  private building?: Promise<void>;
  /** Open reservations per service, as epoch ms reserved (counted against the window at read time). */
  private reservations = new Map<string, number[]>();
  /** Services whose reservations changed since last read; all of them after a gap. */
  private readonly capacityStale = new Set<string>();
  private allCapacityStale = true;
  private loadingAllCapacity?: Promise<void>;
  private readonly loadingCapacity = new Map<string, Promise<void>>();

  constructor(private readonly db: DataSource) {
    this.listener = new ChangeListener(db, DIRECTORY_CHANGED_CHANNEL, {
      onChange: (payload) => {
        if (payload?.startsWith(CAPACITY_CHANGED_PREFIX))
          this.capacityChanged(payload.slice(CAPACITY_CHANGED_PREFIX.length));
        else if (payload === 'capacity_reservations') this.allCapacityStale = true;
        else this.invalidate();
      },
      onGap: () => {
        this.invalidate();
        this.allCapacityStale = true;
      },
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

  /** A reservation of this service was made or released (by NOTIFY, or this process after its commit). */
  capacityChanged(serviceId: string): void {
    this.capacityStale.add(serviceId);
  }

  /** The hits, or undefined when the index could not catch up with changes (the caller uses SQL). */
  async find(filter: IndexFilter): Promise<IndexedHit[] | undefined> {
    const latest = await this.latest();
    if (!latest) return undefined;
    const { services, byTerm } = latest.snapshot;
    const pool = filter.termIds.length ? unionOf(filter.termIds.map((t) => byTerm.get(t) ?? [])) : services;
    const box = filter.near && boundingBox(filter.near.origin, filter.near.radiusKm);
    // one object per hit, filled in place: a search makes a few hundred of them
    const hits: IndexedHit[] = [];
    for (const service of pool) {
      if (!service.active) continue;
      if (filter.age != null && !ageFits(service, filter.age)) continue;
      const hit: IndexedHit = {
        id: service.id,
        location_id: null,
        distance_km: null,
        row: service.row,
        capacity: NO_CAPACITY,
      };
      if (filter.near && box && !nearestWithin(service, filter.near.origin, box, filter.near.radiusKm, hit))
        continue;
      hits.push(hit);
      if (hits.length >= filter.limit) break;
    }
    await this.freshCapacity(hits.map((h) => h.id));
    const windowStart = Date.now() - CAPACITY_WINDOW_DAYS * 86_400_000;
    for (const hit of hits) {
      const open = this.reservations.get(hit.id);
      if (open) hit.capacity = { thisWeek: countAfter(open, windowStart), open: open.length };
    }
    return hits;
  }

  /**
   * Every service matching the ORUK filters, in ORUK order, and the snapshot it came from; or
   * undefined when the caller must use SQL: for text, taxonomy and modified_after (Postgres's
   * full-text index, microsecond times), or when the index could not catch up with changes.
   */
  async findForOruk(filter: OrukServicesFilter): Promise<{ ids: string[]; generation: number } | undefined> {
    if (filter.text || filter.taxonomyId || filter.modifiedAfter) return undefined;
    const latest = await this.latest();
    if (!latest) return undefined;
    const { snapshot, generation } = latest;
    const { services, byTerm } = snapshot;
    const pool = filter.termIds.length
      ? unionOf(filter.termIds.map((t) => byTerm.get(t) ?? [])).sort((a, b) => a.position - b.position)
      : services;
    const box = filter.near && boundingBox(filter.near.origin, filter.near.radiusKm);
    const ids: string[] = [];
    for (const service of pool) {
      if (filter.organizationId && service.organizationId !== filter.organizationId) continue;
      if (filter.minimumAge != null && service.maximumAge != null && service.maximumAge < filter.minimumAge)
        continue;
      if (filter.maximumAge != null && service.minimumAge != null && service.minimumAge > filter.maximumAge)
        continue;
      if (filter.near && box && !nearestWithin(service, filter.near.origin, box, filter.near.radiusKm))
        continue;
      ids.push(service.id);
    }
    return { ids, generation };
  }

  /** Reads again the reservations of those services that changed (of all, after a gap) before they are counted. */
  private async freshCapacity(ids: string[]): Promise<void> {
    if (this.allCapacityStale || this.loadingAllCapacity) {
      this.loadingAllCapacity ??= this.loadAllCapacity().finally(() => (this.loadingAllCapacity = undefined));
      await this.loadingAllCapacity;
    }
    const stale = ids.filter((id) => this.capacityStale.has(id));
    if (stale.length) {
      // cleared before the read: a change committed during it marks the service again
      stale.forEach((id) => this.capacityStale.delete(id));
      const loading = this.readReservations(stale).then((read) => {
        for (const id of stale) this.reservations.set(id, read.get(id) ?? []);
      });
      for (const id of stale) this.loadingCapacity.set(id, loading);
      void loading
        .catch(() => stale.forEach((id) => this.capacityStale.add(id)))
        .finally(() =>
          stale.forEach((id) => this.loadingCapacity.get(id) === loading && this.loadingCapacity.delete(id)),
        );
    }
    // a read another search started for one of ours is as fresh as our own would be
    await Promise.all(ids.flatMap((id) => this.loadingCapacity.get(id) ?? []));
  }

  private async loadAllCapacity(): Promise<void> {
    this.allCapacityStale = false;
    this.capacityStale.clear();
    try {
      this.reservations = await this.readReservations();
    } catch (error) {
      this.allCapacityStale = true;
      throw error;
    }
  }

  private async readReservations(serviceIds?: string[]): Promise<Map<string, number[]>> {
    const rows: Array<{ service_id: string; at: number[] }> = await this.db.query(
      `SELECT service_id, array_agg((extract(epoch FROM reserved_at) * 1000)::float8) AS at
       FROM capacity_reservations WHERE released_at IS NULL ${serviceIds ? 'AND service_id = ANY($1)' : ''}
       GROUP BY service_id`,
      serviceIds ? [serviceIds] : [],
    );
    return new Map(rows.map((r) => [r.service_id, r.at]));
  }

  /**
   * The snapshot of the latest generation. A build that began before the latest change is
   * stale when it ends, so go round again, but only so often: while changes keep coming (a
   * bulk import) a search must not wait on rebuild after rebuild, and SQL answers it instead.
   */
  private async latest(): Promise<{ generation: number; snapshot: Snapshot } | undefined> {
    for (let round = 0; round < MAX_BUILDS_PER_SEARCH; round += 1) {
      if (this.current?.generation === this.generation) return this.current;
      this.building ??= this.build().finally(() => (this.building = undefined));
      await this.building;
    }
    return this.current?.generation === this.generation ? this.current : undefined;
  }

  private async build(): Promise<void> {
    const generation = this.generation;
    const started = Date.now();
    const rows: ServiceViewRow[] = await this.db.query(
      `SELECT ${SERVICE_VIEW_COLUMNS} FROM services s JOIN organizations o ON o.id = s.organization_id
       ORDER BY s.name, s.id`,
    );
    const services: IndexedService[] = [];
    const byTerm = new Map<string, IndexedService[]>();
    for (const row of rows) {
      const service: IndexedService = {
        id: row.id,
        active: row.status === 'active',
        organizationId: row.organization_id,
        position: services.length,
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

/**
 * Whether the service has a venue within the radius (box first, then the exact distance); the
 * nearest is written into `into` when given.
 */
function nearestWithin(
  service: IndexedService,
  origin: LatLng,
  box: BoundingBox,
  radiusKm: number,
  into?: IndexHit,
): boolean {
  let nearestId: string | null = null;
  let nearestKm = Infinity;
  for (const l of service.locations) {
    if (l.latitude < box.minLatitude || l.latitude > box.maxLatitude) continue;
    if (l.longitude < box.minLongitude || l.longitude > box.maxLongitude) continue;
    const distance = haversineKm(origin, l);
    if (distance <= radiusKm && distance < nearestKm) {
      nearestId = l.id;
      nearestKm = distance;
    }
  }
  if (nearestId === null) return false;
  if (into) {
    into.location_id = nearestId;
    into.distance_km = nearestKm;
  }
  return true;
}

const NO_CAPACITY: CapacityCounts = Object.freeze({ thisWeek: 0, open: 0 });

const countAfter = (times: number[], start: number) => {
  let n = 0;
  for (const at of times) if (at > start) n += 1;
  return n;
};
