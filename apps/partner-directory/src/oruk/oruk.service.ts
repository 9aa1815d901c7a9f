import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DirectoryOrukReadV1, DirectoryServiceViewV1 } from '@linkway/contracts';
import { boundingBox, omitEmpty, ORUK_PROFILE, ORUK_VERSION, orukPage } from '@linkway/domain';
import { NotFoundError, type ErrorDetail, ValidationFailedError } from '@linkway/util';
import { DirectoryService } from '../directory/directory.service';
import { derivedId } from '../directory/ids';
import { preparedQuery } from '../directory/prepared';
import { TaxonomyTree } from '../directory/search.service';
import { type OrukServicesFilter, SearchIndex } from '../directory/search-index';
import { haversineSql } from '../directory/search-sql';
import { PostcodeService } from '../postcodes/postcode.service';

export const ORUK_MAX_PER_PAGE = 100;
export const ORUK_DEFAULT_PER_PAGE = 50;
/** ORUK `proximity` is in metres; without it a postcode search reaches this far. */
export const ORUK_DEFAULT_PROXIMITY_M = 5000;

type Obj = Record<string, unknown>;

/** Built ORUK services kept per snapshot; past this many (a crawl of a large feed) they start again. */
const ORUK_BUILT_MAX = 5_000;

/** Linkway's private data about a service, carried in a feed only when asked (`x_linkway`). */
export const linkwayExtension = (v: DirectoryServiceViewV1) => ({
  referral: v.referral.route
    ? { route: v.referral.route, details: v.referral.details, contacts: v.referral.contacts }
    : undefined,
  partnership: v.partnership,
  capacity: {
    accepting: v.capacity.accepting,
    maxNewPerWeek: v.capacity.maxNewPerWeek,
    waitingTimeDays: v.capacity.waitingTimeDays,
  },
  lastVerifiedAt: v.lastVerifiedAt,
});

/**
 * The Open Referral UK read API over the directory: public fields only, empty optional fields
 * left out, lists in the ORUK page envelope. Also builds the export feed.
 */
@Injectable()
export class OrukService {
  private built?: { generation: number; services: Map<string, Obj> };

  constructor(
    private readonly db: DataSource,
    private readonly directory: DirectoryService,
    private readonly postcodes: PostcodeService,
    private readonly taxonomyTree: TaxonomyTree,
    private readonly index: SearchIndex,
  ) {}

  async read(request: DirectoryOrukReadV1): Promise<Obj> {
    const q = request.query ?? {};
    switch (request.resource) {
      case 'root':
        return { version: ORUK_VERSION, profile: ORUK_PROFILE };
      case 'services':
        return request.id ? this.service(request.id) : this.services(q);
      case 'service_at_locations':
        return request.id ? this.serviceAtLocation(request.id) : this.serviceAtLocations(q);
      case 'taxonomies':
        return request.id ? this.taxonomy(request.id) : this.taxonomies(q);
      case 'taxonomy_terms':
        return request.id ? this.taxonomyTerm(request.id) : this.taxonomyTerms(q);
    }
  }

  async service(id: string): Promise<Obj> {
    const [service] = await this.orukServices([id]);
    if (!service) throw new NotFoundError('Service', id);
    return service;
  }

  async services(q: Record<string, string>): Promise<Obj> {
    const problems: ErrorDetail[] = [];
    const { page, perPage } = paging(q, problems);
    const termIds = q['taxonomy_term_id']
      ? await this.taxonomyTree.withDescendants([q['taxonomy_term_id']])
      : [];
    const minimumAge = intParam(q, 'minimum_age', problems);
    const maximumAge = intParam(q, 'maximum_age', problems);
    let modifiedAfter: Date | undefined;
    if (q['modified_after']) {
      modifiedAfter = new Date(q['modified_after']);
      if (Number.isNaN(modifiedAfter.getTime()))
        problems.push({ field: 'modified_after', reason: 'must be an ISO 8601 date-time' });
    }
    const proximity = intParam(q, 'proximity', problems);
    if (problems.length) throw new ValidationFailedError('Invalid query', problems);
    const filter: OrukServicesFilter = {
      termIds,
      taxonomyId: q['taxonomy_id'] || undefined,
      text: q['search'] || undefined,
      organizationId: q['organization_id'] || undefined,
      minimumAge,
      maximumAge,
      modifiedAfter,
      near: q['postcode']
        ? {
            origin: await this.postcodes.resolve(q['postcode']),
            radiusKm: (proximity ?? ORUK_DEFAULT_PROXIMITY_M) / 1000,
          }
        : undefined,
    };
    const fromIndex = this.index.ready ? await this.pageFromIndex(filter, page, perPage) : undefined;
    if (fromIndex)
      return {
        ...orukPage(
          await this.orukServicesOf(fromIndex.ids, fromIndex.generation),
          fromIndex.total,
          page,
          perPage,
        ),
      };
    const { ids, total } = await this.pageFromSql(filter, page, perPage);
    return { ...orukPage(await this.orukServices(ids), total, page, perPage) };
  }

  /** A page of matching service ids in ORUK order (name, id), from the search index (undefined: use SQL). */
  async pageFromIndex(filter: OrukServicesFilter, page: number, perPage: number) {
    const found = await this.index.findForOruk(filter);
    if (!found) return undefined;
    const { ids, generation } = found;
    return { ids: ids.slice((page - 1) * perPage, page * perPage), total: ids.length, generation };
  }

  /** The same page in one statement, with the filters only Postgres can apply. */
  async pageFromSql(filter: OrukServicesFilter, page: number, perPage: number) {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.termIds.length)
      where.push(`EXISTS (SELECT 1 FROM attributes a WHERE a.link_entity = 'service' AND a.link_id = s.id
        AND a.taxonomy_term_id = ANY(${add(filter.termIds)}))`);
    if (filter.taxonomyId)
      where.push(`EXISTS (SELECT 1 FROM attributes a JOIN taxonomy_terms t ON t.id = a.taxonomy_term_id
        WHERE a.link_entity = 'service' AND a.link_id = s.id AND t.taxonomy_id = ${add(filter.taxonomyId)})`);
    if (filter.text) where.push(`s.search @@ websearch_to_tsquery('english', ${add(filter.text)})`);
    if (filter.organizationId) where.push(`s.organization_id = ${add(filter.organizationId)}`);
    // overlap: a service for 18–64 matches minimum_age=60 (same rule as overlapsAgeQuery)
    if (filter.minimumAge != null)
      where.push(`(s.maximum_age IS NULL OR s.maximum_age >= ${add(filter.minimumAge)})`);
    if (filter.maximumAge != null)
      where.push(`(s.minimum_age IS NULL OR s.minimum_age <= ${add(filter.maximumAge)})`);
    if (filter.modifiedAfter) where.push(`s.last_modified > ${add(filter.modifiedAfter)}`);
    if (filter.near) {
      const { origin, radiusKm } = filter.near;
      const box = boundingBox(origin, radiusKm);
      const lat = add(origin.latitude);
      const lng = add(origin.longitude);
      where.push(`EXISTS (SELECT 1 FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
        WHERE sal.service_id = s.id AND l.latitude BETWEEN ${add(box.minLatitude)} AND ${add(box.maxLatitude)}
          AND l.longitude BETWEEN ${add(box.minLongitude)} AND ${add(box.maxLongitude)}
          AND ${haversineSql(`${lat}::float8`, `${lng}::float8`)} <= ${add(radiusKm)})`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // one statement for the page and the total
    const rows = await preparedQuery<{ id: string; total: number }>(
      this.db,
      `SELECT s.id, count(*) OVER ()::int AS total FROM services s ${clause}
       ORDER BY s.name, s.id LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`,
      params,
    );
    let total = rows[0]?.total ?? 0;
    if (!rows.length && page > 1)
      [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM services s ${clause}`, params);
    return { ids: rows.map((r) => r.id), total };
  }

  /**
   * ORUK services built once per index snapshot: they hold only public fields, which change
   * only with the tables whose changes replace the snapshot, so a newer snapshot drops them all.
   */
  private async orukServicesOf(ids: string[], generation: number): Promise<Obj[]> {
    if (this.built?.generation !== generation || this.built.services.size > ORUK_BUILT_MAX)
      this.built = { generation, services: new Map() };
    const built = this.built.services;
    const missing = ids.filter((id) => !built.has(id));
    if (missing.length)
      for (const service of await this.orukServices(missing)) built.set(service['id'] as string, service);
    return ids.flatMap((id) => {
      const service = built.get(id);
      return service ? [service] : [];
    });
  }

  /** Fully nested ORUK services, public fields only, in the order of `ids`. */
  async orukServices(ids: string[]): Promise<Obj[]> {
    const views = await this.directory.views(ids);
    if (!views.length) return [];
    const [orgs, terms, locations] = await Promise.all([
      this.db.query(`SELECT id, name, description, email, website FROM organizations WHERE id = ANY($1)`, [
        [...new Set(views.map((v) => v.organizationId))],
      ]),
      this.db.query(
        `SELECT a.id AS attribute_id, a.link_id, a.value, t.id, t.code, t.name, t.description, t.parent_id, t.taxonomy_id, t.term_uri
         FROM attributes a JOIN taxonomy_terms t ON t.id = a.taxonomy_term_id
         WHERE a.link_entity = 'service' AND a.link_id = ANY($1) ORDER BY t.name`,
        [ids],
      ),
      this.db.query(
        `SELECT sal.id AS sal_id, sal.service_id, l.* FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
         WHERE sal.service_id = ANY($1) ORDER BY sal.id`,
        [ids],
      ),
    ]);
    const orgById = new Map<string, Obj>(orgs.map((o: Obj) => [o['id'] as string, o]));
    return views.map((v) =>
      omitEmpty({
        id: v.id,
        organization_id: v.organizationId,
        name: v.name,
        description: v.description,
        url: v.url,
        email: v.email,
        status: v.status,
        minimum_age: v.minimumAge,
        maximum_age: v.maximumAge,
        eligibility_description: v.eligibilityDescription,
        fees_description: v.feesDescription,
        last_modified: v.lastModified,
        organization: orgById.get(v.organizationId),
        languages: v.languages.map((code) => ({ id: derivedId(v.id, 'language', code), code })),
        schedules: v.schedules.map((s, i) => ({
          id: derivedId(v.id, 'schedule', String(i)),
          service_id: v.id,
          freq: s.byDay ? 'WEEKLY' : undefined,
          byday: s.byDay,
          opens_at: s.opensAt,
          closes_at: s.closesAt,
          description: s.description,
        })),
        cost_options: v.costOptions.map((c, i) => ({
          id: derivedId(v.id, 'cost', String(i)),
          service_id: v.id,
          option: c.option,
          amount: c.amount,
          amount_description: c.amountDescription,
        })),
        contacts: v.contacts.map((c, i) => {
          const id = derivedId(v.id, 'contact', String(i));
          return {
            id,
            service_id: v.id,
            name: c.name,
            title: c.title,
            email: c.email,
            phones: c.phone ? [{ id: derivedId(id, 'phone'), contact_id: id, number: c.phone }] : [],
          };
        }),
        service_at_locations: locations
          .filter((l: Obj) => l['service_id'] === v.id)
          .map((l: Obj) => ({
            id: l['sal_id'],
            service_id: v.id,
            location_id: l['id'],
            location: orukLocation(l),
          })),
        attributes: terms
          .filter((t: Obj) => t['link_id'] === v.id)
          .map((t: Obj) => ({
            id: t['attribute_id'],
            link_id: v.id,
            link_type: 'service',
            link_entity: 'service',
            taxonomy_term_id: t['id'],
            value: t['value'],
            taxonomy_term: orukTerm(t),
          })),
      }),
    );
  }

  async serviceAtLocations(q: Record<string, string>): Promise<Obj> {
    const { page, perPage } = paging(q);
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM service_at_locations`);
    const rows = await this.db.query(
      `SELECT sal.id AS sal_id, sal.service_id, l.* FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
       ORDER BY sal.id LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`,
    );
    return { ...orukPage(rows.map(orukServiceAtLocation), total, page, perPage) };
  }

  async serviceAtLocation(id: string): Promise<Obj> {
    const [row] = await this.db.query(
      `SELECT sal.id AS sal_id, sal.service_id, l.* FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id WHERE sal.id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError('Service at location', id);
    return orukServiceAtLocation(row);
  }

  async taxonomies(q: Record<string, string>): Promise<Obj> {
    const { page, perPage } = paging(q);
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM taxonomies`);
    const rows = await this.db.query(
      `SELECT id, name, description, uri, version FROM taxonomies ORDER BY id LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`,
    );
    return {
      ...orukPage(
        rows.map((r: Obj) => omitEmpty(r)),
        total,
        page,
        perPage,
      ),
    };
  }

  async taxonomy(id: string): Promise<Obj> {
    const [row] = await this.db.query(
      `SELECT id, name, description, uri, version FROM taxonomies WHERE id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError('Taxonomy', id);
    return omitEmpty(row);
  }

  async taxonomyTerms(q: Record<string, string>): Promise<Obj> {
    const { page, perPage } = paging(q);
    const params: unknown[] = [];
    const where: string[] = [];
    if (q['taxonomy_id']) {
      params.push(q['taxonomy_id']);
      where.push(`taxonomy_id = $${params.length}`);
    }
    if (q['search']) {
      params.push(`%${q['search']}%`);
      where.push(`(name ILIKE $${params.length} OR description ILIKE $${params.length})`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM taxonomy_terms ${filter}`,
      params,
    );
    const rows = await this.db.query(
      `SELECT * FROM taxonomy_terms ${filter} ORDER BY name, id LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`,
      params,
    );
    return { ...orukPage(rows.map(orukTerm), total, page, perPage) };
  }

  async taxonomyTerm(id: string): Promise<Obj> {
    const [row] = await this.db.query(`SELECT * FROM taxonomy_terms WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError('Taxonomy term', id);
    return orukTerm(row);
  }

  /**
   * The hub's whole directory as one ORUK document: taxonomies, terms, organizations and every
   * service fully nested. `withExtensions` adds Linkway's private data as `x_linkway` on each
   * service (for moving a directory between Linkway hubs; never for publishing).
   */
  async exportFeed(hubId: string, withExtensions = false): Promise<Obj> {
    const taxonomies = await this.db.query(
      `SELECT id, name, description, uri, version FROM taxonomies ORDER BY id`,
    );
    const terms = await this.db.query(`SELECT * FROM taxonomy_terms ORDER BY id`);
    const organizations = await this.db.query(
      `SELECT id, name, description, email, website FROM organizations ORDER BY id`,
    );
    const ids: Array<{ id: string }> = await this.db.query(`SELECT id FROM services ORDER BY id`);
    const services: Obj[] = [];
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200).map((r) => r.id);
      const oruk = await this.orukServices(chunk);
      if (withExtensions) {
        const views = new Map((await this.directory.views(chunk)).map((v) => [v.id, v]));
        for (const s of oruk)
          s['x_linkway'] = omitEmpty(
            linkwayExtension(views.get(s['id'] as string) as DirectoryServiceViewV1),
          );
      }
      services.push(...oruk);
    }
    return {
      version: ORUK_VERSION,
      profile: ORUK_PROFILE,
      hub: hubId,
      exported_at: new Date().toISOString(),
      taxonomies: taxonomies.map((t: Obj) => omitEmpty(t)),
      taxonomy_terms: terms.map(orukTerm),
      organizations: organizations.map((o: Obj) => omitEmpty(o)),
      services,
    };
  }
}

/** Page and size; problems are added to `collect` when given (reported with the caller's), else thrown. */
function paging(q: Record<string, string>, collect?: ErrorDetail[]) {
  const problems: ErrorDetail[] = collect ?? [];
  const page = intParam(q, 'page', problems) ?? 1;
  const perPage = intParam(q, 'per_page', problems) ?? ORUK_DEFAULT_PER_PAGE;
  if (page < 1) problems.push({ field: 'page', reason: 'must be 1 or more' });
  if (perPage < 1 || perPage > ORUK_MAX_PER_PAGE)
    problems.push({ field: 'per_page', reason: `must be from 1 to ${ORUK_MAX_PER_PAGE}` });
  if (problems.length && !collect) throw new ValidationFailedError('Invalid query', problems);
  return { page, perPage };
}

function intParam(q: Record<string, string>, name: string, problems: ErrorDetail[]): number | undefined {
  const raw = q[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,9}$/.test(raw)) {
    problems.push({ field: name, reason: 'must be a whole number' });
    return undefined;
  }
  return Number(raw);
}

const orukLocation = (l: Obj) =>
  omitEmpty({
    id: l['id'],
    location_type: l['location_type'] ?? 'physical',
    name: l['name'],
    latitude: l['latitude'],
    longitude: l['longitude'],
    addresses:
      l['postal_code'] || l['address_1']
        ? [
            {
              id: derivedId(l['id'] as string, 'address'),
              location_id: l['id'],
              address_1: l['address_1'] ?? '',
              city: l['city'],
              postal_code: l['postal_code'],
              country: 'GB',
              address_type: 'physical',
            },
          ]
        : [],
  });

const orukServiceAtLocation = (row: Obj) =>
  omitEmpty({
    id: row['sal_id'],
    service_id: row['service_id'],
    location_id: row['id'],
    location: orukLocation(row),
  });

const orukTerm = (t: Obj) =>
  omitEmpty({
    id: t['id'],
    code: t['code'],
    name: t['name'],
    description: t['description'],
    parent_id: t['parent_id'],
    taxonomy_id: t['taxonomy_id'],
    term_uri: t['term_uri'],
  });
