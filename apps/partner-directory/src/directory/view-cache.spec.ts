import type { DirectorySearchResultV1, DirectoryServiceViewV1 } from '@linkway/contracts';
import { searchResultJson } from './view-cache';

const view = (id: string) =>
  ({ id, name: `Service "${id}" é`, capacity: { accepting: 'yes', placesLeft: 2 } }) as unknown as DirectoryServiceViewV1;

describe(searchResultJson.name, () => {
  const written: string[] = [];
  const jsonOf = (v: DirectoryServiceViewV1) => {
    written.push(v.id);
    return JSON.stringify(v);
  };

  it('writes the text JSON.stringify writes for the result, each view by jsonOf', () => {
    const result: DirectorySearchResultV1 = {
      items: [
        { service: view('a'), distanceKm: 1.25, nearestLocationId: 'l1', eligible: true, score: 0.9 },
        { service: view('b'), distanceKm: undefined, nearestLocationId: undefined, eligible: false, score: 0.1 },
      ],
      total: 2,
      page: 1,
      perPage: 20,
      origin: { postcode: 'LS1 1AA', latitude: 53.8, longitude: -1.55 },
    } as DirectorySearchResultV1;
    expect(searchResultJson(result, jsonOf)).toBe(JSON.stringify(result));
    expect(written).toEqual(['a', 'b']);
  });

  it('writes an empty page without an origin', () => {
    const result = { items: [], total: 0, page: 3, perPage: 20, origin: undefined } as DirectorySearchResultV1;
    expect(searchResultJson(result, jsonOf)).toBe(JSON.stringify(result));
  });
});
