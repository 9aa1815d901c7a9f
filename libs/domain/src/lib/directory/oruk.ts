/** ORUK (HSDS 3.0 UK profile) service status values. */
export const ORUK_SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export type OrukServiceStatus = (typeof ORUK_SERVICE_STATUSES)[number];

export const ORUK_VERSION = '3.0';
export const ORUK_PROFILE = 'https://openreferraluk.org/';

/** The ORUK page envelope around every list. */
export interface OrukPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** A page of `contents` out of `totalItems`; `size` is the number of items on this page. */
export function orukPage<T>(
  contents: T[],
  totalItems: number,
  pageNumber: number,
  perPage: number,
): OrukPage<T> {
  const totalPages = Math.max(1, Math.ceil(totalItems / perPage));
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json };

/**
 * ORUK leaves empty optional fields out rather than sending null: drops null, undefined, empty
 * strings and empty arrays, recursively. Zero and false are values and stay.
 */
export function omitEmpty<T>(value: T): T {
  return prune(value as Json) as T;
}

function prune(value: Json): Json {
  if (Array.isArray(value)) return value.map(prune).filter((v) => !isEmpty(v));
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, v] of Object.entries(value)) {
      const pruned = prune(v);
      if (!isEmpty(pruned)) out[key] = pruned;
    }
    return out;
  }
  return value;
}

const isEmpty = (v: Json) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Required fields of each ORUK object we publish (HSDS 3.0 UK profile). */
export const ORUK_REQUIRED: Record<string, readonly string[]> = {
  service: ['id', 'name', 'status'],
  organization: ['id', 'name', 'description'],
  location: ['id', 'location_type'],
  service_at_location: ['id', 'service_id', 'location_id'],
  taxonomy: ['id', 'name', 'description'],
  taxonomy_term: ['id', 'name', 'description'],
  attribute: ['id', 'link_id', 'link_type', 'link_entity', 'taxonomy_term_id'],
  contact: ['id'],
  phone: ['id', 'number'],
  schedule: ['id'],
  language: ['id'],
  cost_option: ['id'],
};

/**
 * Problems with an ORUK object and the objects nested in it: missing required fields and
 * nulls anywhere. Empty list: conformant. Used by the import (to refuse bad records) and by
 * the conformance tests of our own feed.
 */
export function orukProblems(
  kind: keyof typeof ORUK_REQUIRED | string,
  value: unknown,
  path = kind,
): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [`${path}: must be an object`];
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of ORUK_REQUIRED[kind] ?? []) {
    if (record[field] === undefined || record[field] === null || record[field] === '')
      problems.push(`${path}.${field}: required`);
  }
  if (
    kind === 'service' &&
    record['status'] != null &&
    !ORUK_SERVICE_STATUSES.includes(record['status'] as OrukServiceStatus)
  )
    problems.push(`${path}.status: must be one of ${ORUK_SERVICE_STATUSES.join(', ')}`);
  for (const [key, v] of Object.entries(record)) {
    if (v === null) problems.push(`${path}.${key}: null (omit empty fields instead)`);
    const nestedKind = NESTED[key];
    if (Array.isArray(v) && nestedKind)
      v.forEach((item, i) => problems.push(...orukProblems(nestedKind, item, `${path}.${key}[${i}]`)));
    else if (v && typeof v === 'object' && !Array.isArray(v) && nestedKind)
      problems.push(...orukProblems(nestedKind, v, `${path}.${key}`));
  }
  return problems;
}

const NESTED: Record<string, string> = {
  organization: 'organization',
  service_at_locations: 'service_at_location',
  location: 'location',
  attributes: 'attribute',
  taxonomy_term: 'taxonomy_term',
  contacts: 'contact',
  phones: 'phone',
  schedules: 'schedule',
  languages: 'language',
  cost_options: 'cost_option',
};
