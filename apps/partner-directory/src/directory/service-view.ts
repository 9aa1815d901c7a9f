import type { DirectoryServiceViewV1 } from '@linkway/contracts';
import { isAvailable, isStale, placesLeft } from '@linkway/domain';

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

const SERVICE_COLUMNS = `s.id, s.organization_id, o.name AS organization_name, s.name, s.description, s.url, s.email,
  s.status, s.minimum_age, s.maximum_age, s.eligibility_description, s.fees_description, s.languages, s.schedules,
  s.cost_options, s.contacts, s.last_modified, s.referral_route, s.referral_details, s.referral_contacts,
  s.mou_in_place, to_char(s.mou_review_date, 'YYYY-MM-DD') AS mou_review_date, s.accepting, s.max_new_per_week,
  s.waiting_time_days, s.last_verified_at`;

/**
 * What a staff view needs from Postgres apart from capacity: the service row, its organisation
 * name, and its terms and locations as JSON. Selected from `services s JOIN organizations o`.
 */
export const SERVICE_VIEW_COLUMNS = `${SERVICE_COLUMNS},
  coalesce((SELECT json_agg(json_build_object('id', t.id, 'code', t.code, 'name', t.name) ORDER BY t.name)
    FROM attributes a JOIN taxonomy_terms t ON t.id = a.taxonomy_term_id
    WHERE a.link_entity = 'service' AND a.link_id = s.id), '[]') AS terms,
  coalesce((SELECT json_agg(json_build_object('id', l.id, 'name', l.name, 'address_1', l.address_1, 'city', l.city,
      'postal_code', l.postal_code, 'latitude', l.latitude, 'longitude', l.longitude) ORDER BY l.id)
    FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id WHERE sal.service_id = s.id), '[]') AS locations`;

export type ServiceViewRow = ServiceRow & { terms: TermJson[]; locations: LocationJson[] };

/** Open reservations of a service: in the capacity window (this week) and in all (none if absent). */
export interface CapacityCounts {
  thisWeek: number;
  open: number;
}

const NO_RESERVATIONS: CapacityCounts = { thisWeek: 0, open: 0 };

const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** The staff view: the row, capacity from the counts, staleness as of `now`. */
export function toServiceView(
  row: ServiceViewRow,
  counts: CapacityCounts | undefined,
  now: Date,
  staleAfterDays: number,
): DirectoryServiceViewV1 {
  const { thisWeek, open } = counts ?? NO_RESERVATIONS;
  const state = {
    accepting: row.accepting,
    maxNewPerWeek: row.max_new_per_week,
    reservedThisWeek: thisWeek,
  };
  const left = placesLeft(state);
  return {
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
      reservedThisWeek: thisWeek,
      openReferrals: open,
      placesLeft: left,
      available: isAvailable({ accepting: row.accepting, placesLeft: left }),
    },
    lastVerifiedAt: row.last_verified_at?.toISOString(),
    stale: isStale(row.last_verified_at, now, staleAfterDays),
    lastModified: row.last_modified.toISOString(),
  };
}
