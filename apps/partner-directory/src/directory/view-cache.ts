import type { DirectorySearchResultV1, DirectoryServiceViewV1 } from '@linkway/contracts';
import { isStale } from '@linkway/domain';
import { type CapacityCounts, type ServiceViewRow, toServiceView } from './service-view';

interface Made {
  thisWeek: number;
  open: number;
  stale: boolean;
  staleAfterDays: number;
  view: DirectoryServiceViewV1;
}

/**
 * Staff views of the search index's rows, made once per row, capacity and staleness, and
 * their JSON written once per view. A search answers with a page of full views, and making
 * and stringifying them again for every search was 30 % of the directory's CPU under load;
 * the rows only change when the index is rebuilt (new row objects: the old entries go with
 * the old snapshot), capacity and staleness are compared on every use. The views handed out
 * are frozen, since every later search shares them.
 */
export class ServiceViewCache {
  private readonly made = new WeakMap<ServiceViewRow, Made>();
  private readonly texts = new WeakMap<DirectoryServiceViewV1, string>();

  viewOf(
    row: ServiceViewRow,
    counts: CapacityCounts | undefined,
    now: Date,
    staleAfterDays: number,
  ): DirectoryServiceViewV1 {
    const thisWeek = counts?.thisWeek ?? 0;
    const open = counts?.open ?? 0;
    const stale = isStale(row.last_verified_at, now, staleAfterDays);
    const known = this.made.get(row);
    if (
      known &&
      known.thisWeek === thisWeek &&
      known.open === open &&
      known.stale === stale &&
      known.staleAfterDays === staleAfterDays
    )
      return known.view;
    const view = deepFreeze(toServiceView(row, counts, now, staleAfterDays));
    this.made.set(row, { thisWeek, open, stale, staleAfterDays, view });
    return view;
  }

  /** A view's JSON; written once for a view this cache made. */
  jsonOf(view: DirectoryServiceViewV1): string {
    let text = this.texts.get(view);
    if (text === undefined) {
      text = JSON.stringify(view);
      if (Object.isFrozen(view)) this.texts.set(view, text);
    }
    return text;
  }
}

/**
 * The search result as JSON, each service view as `jsonOf` writes it: the same text
 * JSON.stringify gives for the result (same keys, same order), without stringifying the views.
 */
export function searchResultJson(
  result: DirectorySearchResultV1,
  jsonOf: (view: DirectoryServiceViewV1) => string,
): string {
  const { items, ...rest } = result;
  const itemsJson = items.map(({ service, ...item }) => withFirst('service', jsonOf(service), item));
  return withFirst('items', `[${itemsJson.join(',')}]`, rest);
}

/** `{"key":<json>, ...the other fields}`, as JSON.stringify writes an object with that key first. */
function withFirst(key: string, json: string, others: object): string {
  const tail = JSON.stringify(others);
  return tail === '{}' ? `{"${key}":${json}}` : `{"${key}":${json},${tail.slice(1)}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
