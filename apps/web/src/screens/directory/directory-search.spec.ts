import { toQuery } from '../../api/client';
import {
  capacityText,
  directoryApiQuery,
  directoryFilterErrors,
  type DirectoryFilters,
  directoryFiltersFromSearch,
  directoryFiltersToSearch,
  EMPTY_DIRECTORY_FILTERS,
} from './directory-search';

const filters = (overrides: Partial<DirectoryFilters> = {}): DirectoryFilters => ({
  ...EMPTY_DIRECTORY_FILTERS,
  ...overrides,
});

describe('directoryFiltersFromSearch', () => {
  it('round-trips through the address bar', () => {
    const given = filters({
      text: 'walking',
      postcode: 'LS1 4NE',
      age: '67',
      radiusKm: '10',
      availableOnly: true,
      page: 2,
    });
    expect(directoryFiltersFromSearch(toQuery(directoryFiltersToSearch(given)))).toEqual(given);
  });

  it('leaves the default distance out of the address', () => {
    expect(toQuery(directoryFiltersToSearch(filters({ postcode: 'LS1 4NE' })))).toBe('?postcode=LS1+4NE');
  });
});

describe('directoryFilterErrors', () => {
  it('asks for a whole-number age and a sane distance', () => {
    expect(directoryFilterErrors(filters({ age: 'sixty', postcode: 'LS1 4NE', radiusKm: '0' }))).toEqual({
      age: expect.stringContaining('whole number'),
      radiusKm: expect.stringContaining('between'),
    });
    expect(directoryFilterErrors(filters({ age: '67', postcode: 'LS1 4NE' }))).toEqual({});
  });
});

describe('directoryApiQuery', () => {
  it('sends a distance only with a postcode', () => {
    expect(directoryApiQuery(filters({ text: 'shed' }))).toMatchObject({ text: 'shed', radiusKm: undefined });
    expect(directoryApiQuery(filters({ postcode: 'LS1 4NE' }))).toMatchObject({
      postcode: 'LS1 4NE',
      radiusKm: '5',
    });
  });
});

describe('capacityText', () => {
  it('says plainly whether a referral can be taken', () => {
    expect(capacityText({ accepting: 'no', placesLeft: 3, available: false })).toBe('Not taking referrals');
    expect(capacityText({ accepting: 'yes', placesLeft: 1, available: true })).toBe('1 place left this week');
    expect(capacityText({ accepting: 'yes', placesLeft: 0, available: false, waitingTimeDays: 7 })).toBe(
      'Full this week; wait about 7 days',
    );
    expect(capacityText({ accepting: 'yes', placesLeft: null, available: true })).toBe('Taking referrals');
  });
});
