import { isStale, placesLeft, reservationRefusal } from './capacity';
import { isAgeEligible, overlapsAgeQuery } from './eligibility';
import { boundingBox, haversineKm, normalisePostcode, outwardCode } from './geo';
import { omitEmpty, orukPage, orukProblems } from './oruk';
import { type RankCandidate, rankServices } from './ranking';

const LEEDS = { latitude: 53.7997, longitude: -1.5492 };
const BRADFORD = { latitude: 53.7938, longitude: -1.7564 };

describe('directory geo', () => {
  it('measures Leeds to Bradford as about 13.7 km', () => {
    expect(haversineKm(LEEDS, BRADFORD)).toBeCloseTo(13.7, 0);
    expect(haversineKm(LEEDS, LEEDS)).toBe(0);
  });

  it('builds a bounding box that contains every point of the circle', () => {
    const box = boundingBox(LEEDS, 5);
    for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
      const b = (bearing * Math.PI) / 180;
      const p = {
        latitude: LEEDS.latitude + (4.99 / 111.2) * Math.cos(b),
        longitude:
          LEEDS.longitude + ((4.99 / 111.2) * Math.sin(b)) / Math.cos((LEEDS.latitude * Math.PI) / 180),
      };
      expect(haversineKm(LEEDS, p)).toBeLessThan(5);
      expect(p.latitude).toBeGreaterThanOrEqual(box.minLatitude);
      expect(p.latitude).toBeLessThanOrEqual(box.maxLatitude);
      expect(p.longitude).toBeGreaterThanOrEqual(box.minLongitude);
      expect(p.longitude).toBeLessThanOrEqual(box.maxLongitude);
    }
  });

  it.each([
    ['ls6 1aa', 'LS6'],
    ['BS16QF', 'BS1'],
    ['  ec1a 1bb ', 'EC1A'],
    ['ls6', 'LS6'],
  ])('takes the outward code of %p: %p', (raw, outward) => {
    expect(outwardCode(raw)).toBe(outward);
  });

  it('normalises to the ONS pcds form', () => {
    expect(normalisePostcode(' ls61aa')).toBe('LS6 1AA');
    expect(normalisePostcode('LS6')).toBeNull();
  });

  it('refuses what is not a postcode', () => {
    expect(outwardCode('not a postcode')).toBeNull();
    expect(outwardCode('12345')).toBeNull();
  });
});

describe('directory eligibility', () => {
  it('checks inclusive age bounds, either of which may be absent', () => {
    expect(isAgeEligible({ minimumAge: 18, maximumAge: 64 }, 18)).toBe(true);
    expect(isAgeEligible({ minimumAge: 18, maximumAge: 64 }, 64)).toBe(true);
    expect(isAgeEligible({ minimumAge: 18, maximumAge: 64 }, 65)).toBe(false);
    expect(isAgeEligible({ minimumAge: 75 }, 74)).toBe(false);
    expect(isAgeEligible({}, 3)).toBe(true);
  });

  it('matches ORUK age queries by overlap', () => {
    expect(overlapsAgeQuery({ minimumAge: 18, maximumAge: 64 }, { minimumAge: 60 })).toBe(true);
    expect(overlapsAgeQuery({ minimumAge: 18, maximumAge: 64 }, { minimumAge: 70 })).toBe(false);
    expect(overlapsAgeQuery({ minimumAge: 65 }, { maximumAge: 30 })).toBe(false);
  });
});

describe('directory capacity', () => {
  it('leaves places until the weekly limit, none when not accepting', () => {
    expect(placesLeft({ accepting: 'yes', maxNewPerWeek: 10, reservedThisWeek: 7 })).toBe(3);
    expect(placesLeft({ accepting: 'yes', maxNewPerWeek: null, reservedThisWeek: 70 })).toBeNull();
    expect(placesLeft({ accepting: 'paused', maxNewPerWeek: 10, reservedThisWeek: 0 })).toBe(0);
  });

  it('says why a reservation is refused', () => {
    expect(reservationRefusal({ accepting: 'yes', maxNewPerWeek: 2, reservedThisWeek: 2 })).toMatch(
      /weekly limit of 2/,
    );
    expect(reservationRefusal({ accepting: 'no', maxNewPerWeek: null, reservedThisWeek: 0 })).toMatch(
      /not accepting/,
    );
    expect(reservationRefusal({ accepting: 'yes', maxNewPerWeek: 2, reservedThisWeek: 1 })).toBeNull();
  });

  it('flags entries not verified within the configured age', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    expect(isStale(new Date('2026-06-01T00:00:00Z'), now, 90)).toBe(true);
    expect(isStale(new Date('2026-10-01T00:00:00Z'), now, 90)).toBe(false);
    expect(isStale(null, now, 90)).toBe(true);
  });
});

const candidate = (overrides: Partial<RankCandidate> = {}): RankCandidate => ({
  id: overrides.name ?? 'x',
  name: 'x',
  accepting: 'yes',
  placesLeft: null,
  distanceKm: 1,
  stale: false,
  waitingTimeDays: null,
  ...overrides,
});

describe(rankServices.name, () => {
  it('puts services that can take a referral first, then nearer, fresher, shorter waits', () => {
    const ranked = rankServices([
      candidate({ name: 'full', placesLeft: 0, distanceKm: 0.1 }),
      candidate({ name: 'far', distanceKm: 8 }),
      candidate({ name: 'near', distanceKm: 0.5 }),
      candidate({ name: 'near-stale', distanceKm: 0.5, stale: true }),
      candidate({ name: 'paused', accepting: 'paused', distanceKm: 0 }),
      candidate({ name: 'near-wait', distanceKm: 0.5, waitingTimeDays: 15 }),
    ]).map((r) => r.item.name);
    expect(ranked.slice(0, 4)).toEqual(['near', 'near-wait', 'near-stale', 'far']);
    expect(ranked.slice(4).sort()).toEqual(['full', 'paused']);
  });
});

describe('ORUK helpers', () => {
  it('builds the page envelope', () => {
    expect(orukPage(['a', 'b'], 5, 3, 2)).toEqual({
      total_items: 5,
      total_pages: 3,
      page_number: 3,
      size: 2,
      first_page: false,
      last_page: true,
      empty: false,
      contents: ['a', 'b'],
    });
    expect(orukPage([], 0, 1, 10)).toMatchObject({
      total_pages: 1,
      first_page: true,
      last_page: true,
      empty: true,
    });
  });

  it('omits empty optional fields but keeps zero and false', () => {
    expect(
      omitEmpty({ a: null, b: '', c: [], d: 0, e: false, f: { g: null, h: [{ i: undefined, j: 1 }] } }),
    ).toEqual({
      d: 0,
      e: false,
      f: { h: [{ j: 1 }] },
    });
  });

  it('finds missing required fields and nulls in nested objects', () => {
    expect(orukProblems('service', { id: 's1', name: 'Walk', status: 'active' })).toEqual([]);
    expect(
      orukProblems('service', {
        id: 's1',
        name: 'Walk',
        status: 'open',
        url: null,
        phones: [{ id: 'p1' }],
      }),
    ).toEqual([
      'service.status: must be one of active, inactive, defunct, temporarily closed',
      'service.url: null (omit empty fields instead)',
      'service.phones[0].number: required',
    ]);
  });
});
