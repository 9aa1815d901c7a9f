import type { QueryValue } from '../../api/client';

/** The directory search form as the address bar holds it. */
export interface DirectoryFilters {
  text: string;
  postcode: string;
  age: string;
  radiusKm: string;
  availableOnly: boolean;
  page: number;
}

export const EMPTY_DIRECTORY_FILTERS: DirectoryFilters = {
  text: '',
  postcode: '',
  age: '',
  radiusKm: '5',
  availableOnly: false,
  page: 1,
};
export const DIRECTORY_PAGE_SIZE = 20;

export function directoryFiltersFromSearch(search: string): DirectoryFilters {
  const params = new URLSearchParams(search);
  const text = (key: string) => (params.get(key) ?? '').trim();
  const page = Number.parseInt(text('page'), 10);
  return {
    text: text('text'),
    postcode: text('postcode').toUpperCase(),
    age: text('age'),
    radiusKm: text('radiusKm') || EMPTY_DIRECTORY_FILTERS.radiusKm,
    availableOnly: text('availableOnly') === 'true',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function directoryFiltersToSearch(filters: DirectoryFilters): Record<string, QueryValue> {
  return {
    text: filters.text,
    postcode: filters.postcode,
    age: filters.age,
    radiusKm:
      filters.postcode && filters.radiusKm !== EMPTY_DIRECTORY_FILTERS.radiusKm
        ? filters.radiusKm
        : undefined,
    availableOnly: filters.availableOnly ? 'true' : undefined,
    page: filters.page > 1 ? filters.page : undefined,
  };
}

/** Problems the person can fix before searching, by field id. */
export function directoryFilterErrors(filters: DirectoryFilters): Record<string, string> {
  const errors: Record<string, string> = {};
  if (filters.age && !/^\d{1,3}$/.test(filters.age))
    errors.age = 'Age must be a whole number of years, like 67';
  else if (filters.age && Number(filters.age) > 130) errors.age = 'Age must be 130 or less';
  const radius = Number(filters.radiusKm);
  if (filters.postcode && (!Number.isFinite(radius) || radius < 0.1 || radius > 200))
    errors.radiusKm = 'Distance must be between 0.1 and 200 km';
  return errors;
}

/** GET /api/v1/directory/search's query. */
export function directoryApiQuery(filters: DirectoryFilters): Record<string, QueryValue> {
  return {
    text: filters.text,
    postcode: filters.postcode,
    age: filters.age,
    radiusKm: filters.postcode ? filters.radiusKm : undefined,
    availableOnly: filters.availableOnly ? true : undefined,
    page: filters.page,
    perPage: DIRECTORY_PAGE_SIZE,
  };
}

/** "3 places left this week", "Not taking referrals", … from the service's capacity. */
export function capacityText(capacity: {
  accepting: string;
  placesLeft: number | null;
  available: boolean;
  waitingTimeDays?: number;
}): string {
  if (capacity.accepting === 'no') return 'Not taking referrals';
  const wait = capacity.waitingTimeDays ? `; wait about ${capacity.waitingTimeDays} days` : '';
  if (capacity.placesLeft === null) return `Taking referrals${wait}`;
  if (capacity.placesLeft <= 0) return `Full this week${wait}`;
  return `${capacity.placesLeft} ${capacity.placesLeft === 1 ? 'place' : 'places'} left this week${wait}`;
}
