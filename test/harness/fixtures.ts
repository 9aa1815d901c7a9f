/** Factories for the suites' request bodies: valid by default, overridable per field. */
import { randomBytes } from 'node:crypto';
import { isValidNhsNumber } from '@linkway/domain';

/** The i-th valid NHS number of a run-specific range (mod-11 checked by @linkway/domain). */
export function nhsNumberFor(i: number, salt = 0): string {
  for (let n = 900_000_000 + ((i * 7919 + salt * 104_729) % 99_000_000); ; n++) {
    for (let check = 0; check <= 9; check++) {
      const candidate = `${n}${check}`;
      if (isValidNhsNumber(candidate)) return candidate;
    }
  }
}

export const runSalt = () => randomBytes(2).readUInt16BE(0);

const GIVEN = ['Ada', 'Grace', 'Alan', 'Mary', 'Tariq', 'Nia', 'Oluwaseun', 'Siobhan', 'Wojciech', 'Priya'];
const FAMILY = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Seacole',
  'Ahmed',
  'Evans',
  'Adeyemi',
  'Murphy',
  'Nowak',
  'Patel',
];
export const POSTCODES = ['LS1 4AP', 'LS2 9JT', 'LS6 2QB', 'LS7 3LE', 'LS11 5DR'];

export interface ReferralPerson {
  nhsNumber: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcode: string;
}

export function personFor(i: number, salt = 0): ReferralPerson {
  return {
    nhsNumber: nhsNumberFor(i, salt),
    givenName: GIVEN[i % GIVEN.length],
    familyName: `${FAMILY[(i >> 3) % FAMILY.length]}${String.fromCharCode(97 + (i % 26))}${salt}x${i}`,
    dateOfBirth: `19${40 + (i % 50)}-0${1 + (i % 9)}-1${i % 9}`,
    postcode: POSTCODES[i % POSTCODES.length],
  };
}

export function referralBody(i: number, salt = 0, overrides: Record<string, unknown> = {}) {
  return {
    referrerType: 'gp_practice',
    person: personFor(i, salt),
    consent: { givenBy: 'person', method: 'verbal', recordedAt: '2026-11-01T10:00:00Z' },
    reasons: ['isolation'],
    ...overrides,
  };
}
