import { hashOfRequest, stableJson } from './request-hash';

const draft = {
  referrerType: 'gp_practice',
  person: {
    nhsNumber: '943 476 5919',
    givenName: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '1950-12-10',
    postcode: 'LS1 4AP',
    flags: ['frail'],
  },
  consent: { givenBy: 'person', method: 'verbal', recordedAt: '2026-11-20T10:00:00Z' },
  reasons: ['isolation', 'low_mood_anxiety'],
  homeScreen: ['cold_or_damp'],
  safeguarding: false,
  note: 'Lives alone "since spring"',
};

/** The order hashes were stored in before: keys sorted with localeCompare. */
function localeOrderedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(localeOrderedJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${localeOrderedJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The same object with its keys, at every level, in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversed(v)]),
    );
  return value;
}

describe(hashOfRequest.name, () => {
  it('gives a referral the hash it was stored with before (keys in localeCompare order)', () => {
    expect(stableJson(draft)).toBe(localeOrderedJson(draft));
  });

  it('is the same whatever the order of keys, and leaves undefined members out', () => {
    expect(hashOfRequest('api', reversed(draft))).toBe(hashOfRequest('api', draft));
    expect(hashOfRequest('api', { ...draft, note: undefined })).toBe(
      hashOfRequest('api', Object.fromEntries(Object.entries(draft).filter(([k]) => k !== 'note'))),
    );
  });

  it('differs with the channel, a value or the order of a list', () => {
    const hash = hashOfRequest('api', draft);
    expect(hashOfRequest('fhir', draft)).not.toBe(hash);
    expect(hashOfRequest('api', { ...draft, person: { ...draft.person, givenName: 'Ava' } })).not.toBe(hash);
    expect(hashOfRequest('api', { ...draft, reasons: [...draft.reasons].reverse() })).not.toBe(hash);
  });
});
