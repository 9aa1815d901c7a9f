import fc from 'fast-check';
import { checkNhsNumber, formatNhsNumber, isValidNhsNumber } from './nhs-number';

describe(checkNhsNumber.name, () => {
  it('accepts the published example 943 476 5919, with or without spaces', () => {
    expect(checkNhsNumber('9434765919')).toEqual({ valid: true, normalised: '9434765919' });
    expect(checkNhsNumber('943 476 5919')).toEqual({ valid: true, normalised: '9434765919' });
    expect(checkNhsNumber('943-476-5919').valid).toBe(true);
  });

  it('rejects a wrong check digit with a reason a person can act on', () => {
    expect(checkNhsNumber('9434765918')).toEqual({
      valid: false,
      reason: 'fails the NHS number check digit; check for a mistyped digit',
    });
  });

  it('rejects every number whose check digit would be 10', () => {
    // 000000006: weighted sum 6 × 2 = 12, 12 mod 11 = 1, check 11 − 1 = 10
    for (let last = 0; last <= 9; last++) {
      expect(checkNhsNumber(`000000006${last}`)).toEqual({
        valid: false,
        reason: 'is not a valid NHS number (no number has this check digit)',
      });
    }
  });

  it('maps a check of 11 to 0', () => {
    expect(checkNhsNumber('0000000000').valid).toBe(true);
  });

  it('rejects anything that is not ten digits', () => {
    expect(checkNhsNumber('94347659')).toEqual({ valid: false, reason: 'must be 10 digits' });
    expect(checkNhsNumber('94347659AB').valid).toBe(false);
  });

  it('finds every single-digit typo in a valid number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
        const digits = [...'9434765919'].map(Number);
        digits[position] = (digits[position] + delta) % 10;
        expect(isValidNhsNumber(digits.join(''))).toBe(false);
      }),
    );
  });

  it('formats as 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });
});
