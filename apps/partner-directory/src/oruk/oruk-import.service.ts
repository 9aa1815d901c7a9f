import { readFile } from 'node:fs/promises';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DIRECTORY_ACCEPTING,
  DIRECTORY_REFERRAL_ROUTES,
  type DirectoryLocationInputV1,
  DirectoryServiceInputV1,
} from '@linkway/contracts';
import { orukProblems } from '@linkway/domain';
import { DomainError } from '@linkway/util';
import { DirectoryService } from '../directory/directory.service';
import { parsePayload } from '../directory/settings';
import { PostcodeService } from '../postcodes/postcode.service';

type Obj = Record<string, unknown>;

export interface ImportReport {
  source: string;
  taxonomies: number;
  taxonomyTerms: number;
  organizations: number;
  services: { created: number; updated: number; failed: Array<{ id: string; reasons: string[] }> };
  postcodes: { exact: number; outwardCentroid: string[]; unknown: string[] };
}

export type ImportProgress = (done: number, total: number) => void;

/**
 * Loads an ORUK v3 JSON feed into the hub's directory, upserting by id: a document with
 * `taxonomies`, `taxonomy_terms`, `organizations` and `services` (our export), an ORUK page
 * envelope (`contents`, following `total_pages` when read from a URL), or a bare array of
 * services. Services may carry Linkway's private data in `x_linkway`. A bad service is
 * reported and skipped; the rest still load.
 */
@Injectable()
export class OrukImportService {
  private readonly logger = new Logger(OrukImportService.name);

  constructor(
    private readonly db: DataSource,
    private readonly directory: DirectoryService,
    private readonly postcodes: PostcodeService,
  ) {}

  /** A file path or an http(s) URL. */
  async load(source: string): Promise<Obj> {
    if (!/^https?:\/\//.test(source)) return JSON.parse(await readFile(source, 'utf8')) as Obj;
    const first = await fetchJson(source);
    if (Array.isArray(first) || !Array.isArray(first['contents']))
      return Array.isArray(first) ? { services: first } : first;
    const services = [...(first['contents'] as Obj[])];
    const pages = Number(first['total_pages'] ?? 1);
    for (let page = 2; page <= pages; page += 1) {
      const url = new URL(source);
      url.searchParams.set('page', String(page));
      services.push(...((await fetchJson(url.toString()))['contents'] as Obj[]));
    }
    return { services };
  }

  async import(
    feed: Obj | Obj[],
    source: string,
    progress: ImportProgress = () => undefined,
  ): Promise<ImportReport> {
    const doc: Obj = Array.isArray(feed)
      ? { services: feed }
      : Array.isArray(feed['contents'])
        ? { services: feed['contents'] }
        : feed;
    const report: ImportReport = {
      source,
      taxonomies: 0,
      taxonomyTerms: 0,
      organizations: 0,
      services: { created: 0, updated: 0, failed: [] },
      postcodes: { exact: 0, outwardCentroid: [], unknown: [] },
    };
    const services = (doc['services'] as Obj[] | undefined) ?? [];
    await this.upsertTaxonomy(doc, services, report);
    const organizations = new Map<string, Obj>();
    for (const o of (doc['organizations'] as Obj[] | undefined) ?? [])
      organizations.set(o['id'] as string, o);
    for (const s of services) {
      const o = s['organization'] as Obj | undefined;
      if (o?.['id'] && !organizations.has(o['id'] as string)) organizations.set(o['id'] as string, o);
    }
    for (const o of organizations.values()) {
      if (orukProblems('organization', o).length) continue;
      await this.directory.saveOrganization({
        id: o['id'] as string,
        name: o['name'] as string,
        description: o['description'] as string,
        email: (o['email'] as string) || undefined,
        website: ((o['website'] ?? o['url']) as string) || undefined,
      });
      report.organizations += 1;
    }
    for (const [i, s] of services.entries()) {
      const id = String(s['id'] ?? `#${i}`);
      try {
        const problems = orukProblems('service', s).filter((p) => !p.includes(': null'));
        if (problems.length) throw new Error(problems.join('; '));
        const input = await parsePayload(DirectoryServiceInputV1, await this.toInput(s, report));
        const { created } = await this.directory.save(id, input);
        if (created) report.services.created += 1;
        else report.services.updated += 1;
      } catch (error) {
        const reasons =
          error instanceof DomainError && error.details.length
            ? error.details.map((d) => `${d.field ?? ''}: ${d.reason}`)
            : [(error as Error).message];
        report.services.failed.push({ id, reasons });
      }
      progress(i + 1, services.length);
    }
    this.logger.log({
      msg: 'ORUK import done',
      source,
      created: report.services.created,
      updated: report.services.updated,
      failed: report.services.failed.length,
    });
    return report;
  }

  private async upsertTaxonomy(doc: Obj, services: Obj[], report: ImportReport) {
    const taxonomies = new Map<string, Obj>();
    const terms = new Map<string, Obj>();
    for (const t of (doc['taxonomies'] as Obj[] | undefined) ?? []) taxonomies.set(t['id'] as string, t);
    for (const t of (doc['taxonomy_terms'] as Obj[] | undefined) ?? []) terms.set(t['id'] as string, t);
    for (const s of services)
      for (const a of (s['attributes'] as Obj[] | undefined) ?? []) {
        const term = a['taxonomy_term'] as Obj | undefined;
        if (term?.['id'] && !terms.has(term['id'] as string)) terms.set(term['id'] as string, term);
      }
    for (const t of taxonomies.values()) {
      await this.db.query(
        `INSERT INTO taxonomies (id, name, description, uri, version) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, uri = excluded.uri, version = excluded.version`,
        [t['id'], t['name'], t['description'] ?? t['name'], t['uri'] ?? null, t['version'] ?? null],
      );
      report.taxonomies += 1;
    }
    // parents first: insert without parent, then set parents
    for (const t of terms.values()) {
      const taxonomyId = (t['taxonomy_id'] as string) ?? null;
      if (taxonomyId && !taxonomies.has(taxonomyId)) {
        const [known] = await this.db.query(`SELECT 1 FROM taxonomies WHERE id = $1`, [taxonomyId]);
        if (!known)
          await this.db.query(
            `INSERT INTO taxonomies (id, name, description) VALUES ($1, $1, $1) ON CONFLICT DO NOTHING`,
            [taxonomyId],
          );
      }
      await this.db.query(
        `INSERT INTO taxonomy_terms (id, code, name, description, taxonomy_id, term_uri) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, description = excluded.description,
           taxonomy_id = excluded.taxonomy_id, term_uri = excluded.term_uri`,
        [
          t['id'],
          t['code'] ?? null,
          t['name'],
          t['description'] ?? t['name'],
          taxonomyId,
          t['term_uri'] ?? null,
        ],
      );
      report.taxonomyTerms += 1;
    }
    for (const t of terms.values())
      if (t['parent_id'])
        await this.db.query(
          `UPDATE taxonomy_terms SET parent_id = $2 WHERE id = $1 AND EXISTS (SELECT 1 FROM taxonomy_terms WHERE id = $2)`,
          [t['id'], t['parent_id']],
        );
  }

  /** ORUK service (+ x_linkway) → our input shape; locations get coordinates from postcodes when missing. */
  private async toInput(s: Obj, report: ImportReport): Promise<Obj> {
    const x = (s['x_linkway'] as Obj | undefined) ?? {};
    const locations: DirectoryLocationInputV1[] = [];
    for (const sal of (s['service_at_locations'] as Obj[] | undefined) ?? []) {
      const l = (sal['location'] as Obj | undefined) ?? {};
      const address = ((l['addresses'] as Obj[] | undefined) ?? [])[0] ?? {};
      const postcode = (l['postal_code'] ?? address['postal_code']) as string | undefined;
      let latitude = l['latitude'] as number | undefined;
      let longitude = l['longitude'] as number | undefined;
      if (latitude == null || longitude == null) {
        const resolved = postcode ? await this.postcodes.tryResolve(postcode) : null;
        if (!resolved) {
          report.postcodes.unknown.push(
            postcode ?? `(none) location ${String(l['id'] ?? sal['location_id'])}`,
          );
          continue;
        }
        ({ latitude, longitude } = resolved);
        if (resolved.resolution === 'outward_centroid')
          report.postcodes.outwardCentroid.push(resolved.postcode);
        else report.postcodes.exact += 1;
      }
      locations.push({
        id: (l['id'] ?? sal['location_id']) as string,
        serviceAtLocationId: (sal['id'] as string) || undefined,
        name: (l['name'] as string) || undefined,
        address1: (address['address_1'] as string) || undefined,
        city: (address['city'] as string) || undefined,
        postcode: postcode ?? '',
        latitude,
        longitude,
      });
    }
    const referral = x['referral'] as Obj | undefined;
    const capacity = x['capacity'] as Obj | undefined;
    return strip({
      organizationId: s['organization_id'] ?? (s['organization'] as Obj | undefined)?.['id'],
      name: s['name'],
      description: s['description'],
      status: s['status'],
      url: s['url'],
      email: s['email'],
      minimumAge: s['minimum_age'],
      maximumAge: s['maximum_age'],
      eligibilityDescription: s['eligibility_description'],
      feesDescription: s['fees_description'],
      languages: ((s['languages'] as Obj[] | undefined) ?? []).map((l) => l['code']).filter(Boolean),
      schedules: ((s['schedules'] as Obj[] | undefined) ?? []).map((sc) =>
        strip({
          byDay: sc['byday'],
          opensAt: hhmm(sc['opens_at']),
          closesAt: hhmm(sc['closes_at']),
          description: sc['description'],
        }),
      ),
      costOptions: ((s['cost_options'] as Obj[] | undefined) ?? []).map((c) =>
        strip({ option: c['option'], amount: c['amount'], amountDescription: c['amount_description'] }),
      ),
      contacts: ((s['contacts'] as Obj[] | undefined) ?? []).map((c) =>
        strip({
          name: c['name'],
          title: c['title'],
          email: c['email'],
          phone: ((c['phones'] as Obj[] | undefined) ?? [])[0]?.['number'],
        }),
      ),
      taxonomyTermIds: ((s['attributes'] as Obj[] | undefined) ?? [])
        .map((a) => a['taxonomy_term_id'])
        .filter(Boolean),
      locations,
      referral:
        referral && DIRECTORY_REFERRAL_ROUTES.includes(referral['route'] as never)
          ? strip({ route: referral['route'], details: referral['details'], contacts: referral['contacts'] })
          : undefined,
      partnership: x['partnership'],
      capacity:
        capacity && DIRECTORY_ACCEPTING.includes(capacity['accepting'] as never) ? capacity : undefined,
      lastVerifiedAt: x['lastVerifiedAt'],
    });
  }
}

const hhmm = (v: unknown) => (typeof v === 'string' ? v.slice(0, 5) : undefined);

function strip(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

async function fetchJson(url: string): Promise<Obj> {
  const response = await fetch(url, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as Obj;
}
