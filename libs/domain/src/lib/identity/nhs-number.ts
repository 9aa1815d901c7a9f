/** FHIR identifier system for NHS numbers. */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

export type NhsNumberCheck = { valid: true; normalised: string } | { valid: false; reason: string };

/**
 * NHS number modulus 11 check: digits 1–9 weighted 10…2, check = 11 − (sum mod 11),
 * 11 becomes 0 and 10 is never issued. Spaces and dashes as people write them are allowed.
 */
export function checkNhsNumber(input: string): NhsNumberCheck {
  const normalised = input.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(normalised)) return { valid: false, reason: 'must be 10 digits' };
  const digits = [...normalised].map(Number);
  const sum = digits.slice(0, 9).reduce((acc, digit, i) => acc + digit * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10)
    return { valid: false, reason: 'is not a valid NHS number (no number has this check digit)' };
  if ((check === 11 ? 0 : check) !== digits[9]) {
    return { valid: false, reason: 'fails the NHS number check digit; check for a mistyped digit' };
  }
  return { valid: true, normalised };
}

export const isValidNhsNumber = (input: string): boolean => checkNhsNumber(input).valid;

/** "943 476 5919", the way NHS numbers are shown to people. */
export const formatNhsNumber = (nhsNumber: string): string =>
  `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`;
