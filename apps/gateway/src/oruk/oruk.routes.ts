/** The ORUK standard fixes these paths at /oruk, outside the gateway's /api/v1 prefix. */
export const ORUK_ROUTES = [
  'oruk',
  'oruk/services',
  'oruk/services/:id',
  'oruk/service_at_locations',
  'oruk/service_at_locations/:id',
  'oruk/taxonomies',
  'oruk/taxonomies/:id',
  'oruk/taxonomy_terms',
  'oruk/taxonomy_terms/:id',
];
