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
import { CAPACITY_WINDOW_DAYS, isAvailable, isStale, placesLeft } from '@linkway/domain';
import { NotFoundError, uuidv7, ValidationFailedError } from '@linkway/util';
import { PostcodeService } from '../postcodes/postcode.service';
import { derivedId } from './ids';
import { preparedQuery } from './prepared';
import { SearchIndex } from './search-index';
import { DIRECTORY_SETTINGS, type DirectorySettings } from './settings';

/** A services row as selected by SERVICE_COLUMNS. */
export interface ServiceRow {
  id: string;
  organization_id: string;
  organization_name: string;
  name: string;
  description: string | null;
  url: string | null;
  email: string | null;
  status: DirectoryServiceViewV1['status'];
  minimum_age: number | null;
  maximum_age: number | null;
  eligibility_description: string | null;
  fees_description: string | null;
  languages: string[];
  schedules: DirectoryServiceViewV1['schedules'];
  cost_options: DirectoryServiceViewV1['costOptions'];
  contacts: DirectoryServiceViewV1['contacts'];
  last_modified: Date;
  referral_route: DirectoryServiceViewV1['referral']['route'];
  referral_details: string | null;
  referral_contacts: DirectoryServiceViewV1['referral']['contacts'];
  mou_in_place: boolean;
  mou_review_date: string | null;
  accepting: DirectoryServiceViewV1['capacity']['accepting'];
  max_new_per_week: number | null;
  waiting_time_days: number | null;
  last_verified_at: Date | null;
}

type TermJson = { id: string; code: string | null; name: string };
type LocationJson = Record<string, string | number | null>;

export const SERVICE_COLUMNS = `s.id, s.organization_id, o.name AS organization_name, s.name, s.description, s.url, s.email,
  s.status, s.minimum_age, s.maximum_age, s.eligibility_description, s.fees_description, s.languages, s.schedules,
  s.cost_options, s.contacts, s.last_modified, s.referral_route, s.referral_details, s.referral_contacts,
  s.mou_in_place, to_char(s.mou_review_date, 'YYYY-MM-DD') AS mou_review_date, s.accepting, s.max_new_per_week,
  s.waiting_time_days, s.last_verified_at`;

const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/**
 * Organizations and services as hub staff manage them: create, change, delete, and the full
 * view with Linkway's extensions and capacity computed now.
 */
@Injectable()
export class DirectoryService {
  private readonly logger = new Logger(DirectoryService.name);

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

  /** Views of the given services, in the given order (unknown ids left out); a handful of queries whatever the count. */
  async views(ids: string[], manager?: EntityManager): Promise<DirectoryServiceViewV1[]> {
    if (!ids.length) return [];
    // one round trip: terms, locations and open reservations ride along as JSON
    const rows: Array<
      ServiceRow & { terms: TermJson[]; locations: LocationJson[]; this_week: number; open: number }
    > = await preparedQuery(
      this.db,
      `SELECT ${SERVICE_COLUMNS},
           coalesce((SELECT json_agg(json_build_object('id', t.id, 'code', t.code, 'name', t.name) ORDER BY t.name)
             FROM attributes a JOIN taxonomy_terms t ON t.id = a.taxonomy_term_id
             WHERE a.link_entity = 'service' AND a.link_id = s.id), '[]') AS terms,
           coalesce((SELECT json_agg(json_build_object('id', l.id, 'name', l.name, 'address_1', l.address_1, 'city', l.city,
               'postal_code', l.postal_code, 'latitude', l.latitude, 'longitude', l.longitude) ORDER BY l.id)
             FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id WHERE sal.service_id = s.id), '[]') AS locations,
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
      if (!row) return [];
      const counts = { thisWeek: row.this_week, open: row.open };
      const state = {
        accepting: row.accepting,
        maxNewPerWeek: row.max_new_per_week,
        reservedThisWeek: counts.thisWeek,
      };
      const left = placesLeft(state);
      return [
        {
          id: row.id,
          organizationId: row.organization_id,
          organizationName: row.organization_name,
          name: row.name,
          description: opt(row.description),
          status: row.status,
          url: opt(row.url),
          email: opt(row.email),
          minimumAge: opt(row.minimum_age),
          maximumAge: opt(row.maximum_age),
          eligibilityDescription: opt(row.eligibility_description),
          feesDescription: opt(row.fees_description),
          languages: row.languages,
          schedules: row.schedules,
          costOptions: row.cost_options,
          contacts: row.contacts,
          taxonomyTerms: row.terms.map((t) => ({ id: t.id, code: opt(t.code), name: t.name })),
          locations: row.locations.map((l) => ({
            id: l['id'] as string,
            name: opt(l['name'] as string | null),
            address1: opt(l['address_1'] as string | null),
            city: opt(l['city'] as string | null),
            postcode: opt(l['postal_code'] as string | null),
            latitude: opt(l['latitude'] as number | null),
            longitude: opt(l['longitude'] as number | null),
          })),
          referral: {
            route: row.referral_route,
            details: opt(row.referral_details),
            contacts: row.referral_contacts,
          },
          partnership: { mouInPlace: row.mou_in_place, reviewDate: opt(row.mou_review_date) },
          capacity: {
            accepting: row.accepting,
            maxNewPerWeek: opt(row.max_new_per_week),
            waitingTimeDays: opt(row.waiting_time_days),
            reservedThisWeek: counts.thisWeek,
            openReferrals: counts.open,
            placesLeft: left,
            available: isAvailable({ accepting: row.accepting, placesLeft: left }),
          },
          lastVerifiedAt: row.last_verified_at?.toISOString(),
          stale: isStale(row.last_verified_at, now, this.settings.staleAfterDays),
          lastModified: row.last_modified.toISOString(),
        },
      ];
    });
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
