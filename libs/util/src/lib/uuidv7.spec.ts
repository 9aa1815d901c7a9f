import { isUuid, uuidv7, uuidv7Time } from './uuidv7';

describe('uuidv7', () => {
  it('produces RFC 9562 version 7 ids carrying their creation time', () => {
    const at = Date.UTC(2026, 10, 22, 9, 30);
    const id = uuidv7(at);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
    expect(uuidv7Time(id).getTime()).toBeGreaterThanOrEqual(at);
  });

  it('keeps ids strictly increasing within one millisecond', () => {
    const at = Date.now() + 60_000;
    const ids = Array.from({ length: 5000 }, () => uuidv7(at));
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws fresh random bits for every id, across refills of its random pool', () => {
    const base = Date.now() + 120_000;
    // one id per millisecond: the ordering counter restarts each time, only the random tail differs
    const tails = Array.from({ length: 1000 }, (_, i) => uuidv7(base + i).slice(24));
    expect(new Set(tails).size).toBe(tails.length);
  });
});
