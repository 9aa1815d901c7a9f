import { NHS_NUMBER_SYSTEM } from '../identity/nhs-number';

/** FHIR code system URI for SNOMED CT. */
export const SNOMED_CT_SYSTEM = 'http://snomed.info/sct';

/** The FHIR systems Linkway writes, by name, so no URL is typed twice. */
export const FHIR_SYSTEMS = Object.freeze({
  snomedCt: SNOMED_CT_SYSTEM,
  nhsNumber: NHS_NUMBER_SYSTEM,
});

export interface SnomedConcept {
  /** SCTID, kept as a string: 18-digit ids do not fit a JavaScript number exactly. */
  code: string;
  /** Preferred term, used as FHIR Coding.display. */
  display: string;
  /** Fully specified name, with the semantic tag that says what kind of concept it is. */
  fullySpecifiedName: string;
}

/** Social prescribing concepts in domain-reference.md (PRSB standard and the GP message-back). */
export const SNOMED = Object.freeze({
  /** Recorded once, at the start of an episode, when a referral is accepted. */
  referralToSocialPrescribingService: {
    code: '871731000000106',
    display: 'Referral to social prescribing service',
    fullySpecifiedName: 'Referral to social prescribing service (procedure)',
  },
  /** When the person declines social prescribing. */
  socialPrescribingDeclined: {
    code: '871711000000103',
    display: 'Social prescribing declined',
    fullySpecifiedName: 'Social prescribing declined (situation)',
  },
  socialPrescribingOffered: {
    code: '871691000000100',
    display: 'Social prescribing offered',
    fullySpecifiedName: 'Social prescribing offered (finding)',
  },
} satisfies Record<string, SnomedConcept>);

export interface FhirCoding {
  system: string;
  code: string;
  display: string;
}

export const toFhirCoding = (concept: SnomedConcept): FhirCoding => ({
  system: SNOMED_CT_SYSTEM,
  code: concept.code,
  display: concept.display,
});

// Verhoeff tables (dihedral group D5), as used for the SCTID check digit.
const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/**
 * Whether a string is a well-formed SNOMED CT identifier: 6–18 digits, no leading zero, and a
 * valid Verhoeff check digit. Catches a mistyped code before it reaches a GP system.
 */
export function isValidSctid(code: string): boolean {
  if (!/^[1-9]\d{5,17}$/.test(code)) return false;
  const digits = [...code].reverse().map(Number);
  return digits.reduce((c, digit, i) => VERHOEFF_D[c][VERHOEFF_P[i % 8][digit]], 0) === 0;
}
