import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  DirectoryLocationInputV1,
  DirectoryOrganizationSaveV1,
  DirectoryOrganizationViewV1,
  DirectoryServiceInputV1,
  DirectoryServiceSavedV1,
  DirectoryServiceViewV1,
} from '@linkway/contracts';
import { CAPACITY_WINDOW_DAYS } from '@linkway/domain';
import { NotFoundError, uuidv7, ValidationFailedError } from '@linkway/util';
import { PostcodeService } from '../postcodes/postcode.service';
import { derivedId } from './ids';
import { preparedQuery } from './prepared';
import { SearchIndex } from './search-index';
import {
  type CapacityCounts,
  SERVICE_VIEW_COLUMNS,
  type ServiceViewRow,
  toServiceView,
} from './service-view';
import { DIRECTORY_SETTINGS, type DirectorySettings } from './settings';
import { ServiceViewCache } from './view-cache';

/**
 * Organizations and services as hub staff manage them: create, change, delete, and the full
 * view with Linkway's extensions and capacity computed now.
 */
@Injectable()
export class DirectoryService {
  private readonly logger = new Logger(DirectoryService.name);
  private readonly indexedViews = new ServiceViewCache();

  constructor(
    private readonly db: DataSource,
    private readonly postcodes: PostcodeService,
    @Inject(DIRECTORY_SETTINGS) private readonly settings: DirectorySettings,
    private readonly index: SearchIndex,
  ) {}

  async get(serviceId: string): Promise<DirectoryServiceViewV1> {
    const [view] = await this.views([serviceId]);
    if (!view) throw new NotFoundError('Service', serviceId);
    return view;
  }

  /** Views of the given services, in the given order (unknown ids left out); one query whatever the count. */
  async views(ids: string[], manager?: EntityManager): Promise<DirectoryServiceViewV1[]> {
    if (!ids.length) return [];
    // one round trip: terms, locations and open reservations ride along as JSON
    const rows = await preparedQuery<ServiceViewRow & { this_week: number; open: number }>(
      this.db,
      `SELECT ${SERVICE_VIEW_COLUMNS},
           (SELECT count(*) FILTER (WHERE r.reserved_at > now() - make_interval(days => $2))::int
             FROM capacity_reservations r WHERE r.service_id = s.id AND r.released_at IS NULL) AS this_week,
           (SELECT count(*)::int FROM capacity_reservations r WHERE r.service_id = s.id AND r.released_at IS NULL) AS open
         FROM services s JOIN organizations o ON o.id = s.organization_id WHERE s.id = ANY($1)`,
      [ids, CAPACITY_WINDOW_DAYS],
      manager,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const now = new Date();
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [this.toView(row, { thisWeek: row.this_week, open: row.open }, now)] : [];
    });
  }

  /** The staff view of a row, with capacity from these reservation counts (none if absent) and staleness as of `now`. */
  toView(row: ServiceViewRow, counts: CapacityCounts | undefined, now: Date): DirectoryServiceViewV1 {
    return toServiceView(row, counts, now, this.settings.staleAfterDays);
  }

  /** As toView, for a row of the search index: the same frozen view while nothing in it changed. */
  indexedView(row: ServiceViewRow, counts: CapacityCounts | undefined, now: Date): DirectoryServiceViewV1 {
    return this.indexedViews.viewOf(row, counts, now, this.settings.staleAfterDays);
  }

  /** A view's JSON, written once for a view indexedView made. */
  viewJson(view: DirectoryServiceViewV1): string {
    return this.indexedViews.jsonOf(view);
  }

  async saveOrganization(input: DirectoryOrganizationSaveV1): Promise<DirectoryOrganizationViewV1> {
    const id = input.id ?? uuidv7();
    const [row] = await this.db.query(
      `INSERT INTO organizations (id, name, description, email, website, phone) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, email = excluded.email,
         website = excluded.website, phone = excluded.phone, last_modified = now()
       RETURNING (xmax = 0) AS created`,
      [id, input.name, input.description, input.email ?? null, input.website ?? null, input.phone ?? null],
    );
    this.index.invalidate();
    return {
      id,
      name: input.name,
      description: input.description,
      email: input.email,
      website: input.website,
      phone: input.phone,
      created: Boolean(row?.created),
    };
  }

  /**
   * Creates a service (no id, or `create` with a new id) or changes one: given fields replace
   * stored ones, absent fields are kept; `taxonomyTermIds` and `locations`, when given, replace
   * the whole list. Locations without coordinates get them from their postcode.
   */
  async save(
    serviceId: string | undefined,
    input: DirectoryServiceInputV1,
  ): Promise<DirectoryServiceSavedV1> {
    const id = serviceId ?? uuidv7();
    const created = await this.db.transaction(async (manager) => {
      const [existing] = await manager.query(`SELECT id FROM services WHERE id = $1 FOR UPDATE`, [id]);
      if (!existing && serviceId && !input.name) throw new NotFoundError('Service', serviceId);
      const missing = existing
        ? []
        : (['organizationId', 'name', 'status'] as const).filter((f) => input[f] == null);
      if (missing.length)
        throw new ValidationFailedError(
          'A new service needs an organization, a name and a status',
          missing.map((field) => ({ field, reason: `${field} is required when creating a service` })),
        );
      if (input.minimumAge != null && input.maximumAge != null && input.maximumAge < input.minimumAge)
        throw new ValidationFailedError('Age range is reversed', [
          { field: 'maximumAge', reason: 'maximumAge must not be below minimumAge' },
        ]);
      if (input.organizationId) {
        const [org] = await manager.query(`SELECT 1 FROM organizations WHERE id = $1`, [
          input.organizationId,
        ]);
        if (!org)
          throw new ValidationFailedError('Unknown organization', [
            { field: 'organizationId', reason: `no organization ${input.organizationId}` },
          ]);
      }
      const columns = serviceColumns(input);
      if (!existing) {
        const names = ['id', ...Object.keys(columns)];
        await manager.query(
          `INSERT INTO services (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
          [id, ...Object.values(columns)],
        );
      } else if (Object.keys(columns).length) {
        const sets = Object.keys(columns).map((c, i) => `${c} = $${i + 2}`);
        await manager.query(`UPDATE services SET ${sets.join(', ')}, last_modified = now() WHERE id = $1`, [
          id,
          ...Object.values(columns),
        ]);
      }
      if (input.taxonomyTermIds) await this.replaceTerms(manager, id, input.taxonomyTermIds);
      if (input.locations) await this.replaceLocations(manager, id, input.locations);
      if (existing && (input.taxonomyTermIds || input.locations))
        await manager.query(`UPDATE services SET last_modified = now() WHERE id = $1`, [id]);
      return !existing;
    });
    this.index.invalidate();
    this.logger.log({ msg: created ? 'service created' : 'service updated', serviceId: id });
    return { created, service: await this.get(id) };
  }

  async delete(serviceId: string): Promise<{ serviceId: string }> {
    const deleted = await this.db.transaction(async (manager) => {
      await manager.query(`DELETE FROM attributes WHERE link_entity = 'service' AND link_id = $1`, [
        serviceId,
      ]);
      const [, count] = await manager.query(`DELETE FROM services WHERE id = $1`, [serviceId]);
      // locations no longer used by any service go too
      await manager.query(
        `DELETE FROM locations l WHERE NOT EXISTS (SELECT 1 FROM service_at_locations sal WHERE sal.location_id = l.id)`,
      );
      return count as number;
    });
    this.index.invalidate();
    if (!deleted) throw new NotFoundError('Service', serviceId);
    this.logger.log({ msg: 'service deleted', serviceId });
    return { serviceId };
  }

  private async replaceTerms(manager: EntityManager, serviceId: string, termIds: string[]) {
    const unique = [...new Set(termIds)];
    const known: Array<{ id: string }> = await manager.query(
      `SELECT id FROM taxonomy_terms WHERE id = ANY($1)`,
      [unique],
    );
    const unknown = unique.filter((t) => !known.some((k) => k.id === t));
    if (unknown.length)
      throw new ValidationFailedError(
        'Unknown taxonomy terms',
        unknown.map((t) => ({ field: 'taxonomyTermIds', reason: `no taxonomy term ${t}` })),
      );
    // rows for terms kept stay as they are, so attribute ids do not change on every edit
    await manager.query(
      `DELETE FROM attributes WHERE link_entity = 'service' AND link_id = $1 AND NOT (taxonomy_term_id = ANY($2))`,
      [serviceId, unique],
    );
    for (const termId of unique)
      await manager.query(
        `INSERT INTO attributes (id, link_id, link_type, link_entity, taxonomy_term_id) VALUES ($1, $2, 'service', 'service', $3)
         ON CONFLICT (link_entity, link_id, taxonomy_term_id) DO NOTHING`,
        [derivedId(serviceId, 'attribute', termId), serviceId, termId],
      );
  }

  async replaceLocations(manager: EntityManager, serviceId: string, locations: DirectoryLocationInputV1[]) {
    const keep: string[] = [];
    for (const [i, location] of locations.entries()) {
      let { latitude, longitude } = location;
      let postcode = location.postcode;
      if (latitude == null || longitude == null) {
        const resolved = await this.postcodes.resolve(location.postcode, `locations.${i}.postcode`);
        latitude = resolved.latitude;
        longitude = resolved.longitude;
        postcode = resolved.postcode;
      }
      const locationId = location.id ?? uuidv7();
      await manager.query(
        `INSERT INTO locations (id, name, address_1, city, postal_code, latitude, longitude) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, address_1 = excluded.address_1, city = excluded.city,
           postal_code = excluded.postal_code, latitude = excluded.latitude, longitude = excluded.longitude`,
        [
          locationId,
          location.name ?? null,
          location.address1 ?? null,
          location.city ?? null,
          postcode,
          latitude,
          longitude,
        ],
      );
      await manager.query(
        `INSERT INTO service_at_locations (id, service_id, location_id) VALUES ($1, $2, $3)
         ON CONFLICT (service_id, location_id) DO NOTHING`,
        [location.serviceAtLocationId ?? uuidv7(), serviceId, locationId],
      );
      keep.push(locationId);
    }
    await manager.query(
      `DELETE FROM service_at_locations WHERE service_id = $1 AND NOT (location_id = ANY($2))`,
      [serviceId, keep],
    );
  }
}

/** Column → value for the fields present in the input (JSONB values as JSON text). */
function serviceColumns(input: DirectoryServiceInputV1): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  const set = (column: string, value: unknown) => {
    if (value !== undefined) c[column] = value;
  };
  set('organization_id', input.organizationId);
  set('name', input.name);
  set('description', input.description);
  set('status', input.status);
  set('url', input.url);
  set('email', input.email);
  set('minimum_age', input.minimumAge);
  set('maximum_age', input.maximumAge);
  set('eligibility_description', input.eligibilityDescription);
  set('fees_description', input.feesDescription);
  set('languages', input.languages && JSON.stringify(input.languages));
  set('schedules', input.schedules && JSON.stringify(input.schedules));
  set('cost_options', input.costOptions && JSON.stringify(input.costOptions));
  set('contacts', input.contacts && JSON.stringify(input.contacts));
  if (input.referral) {
    set('referral_route', input.referral.route);
    set('referral_details', input.referral.details ?? null);
    set('referral_contacts', JSON.stringify(input.referral.contacts ?? []));
  }
  if (input.partnership) {
    set('mou_in_place', input.partnership.mouInPlace);
    set('mou_review_date', input.partnership.reviewDate ?? null);
  }
  if (input.capacity) {
    set('accepting', input.capacity.accepting);
    set('max_new_per_week', input.capacity.maxNewPerWeek ?? null);
    set('waiting_time_days', input.capacity.waitingTimeDays ?? null);
  }
  set('last_verified_at', input.lastVerifiedAt);
  return c;
}
