import type { ErrorDetail } from '@linkway/util';

/**
 * The result of checking input from a form, an import row or a message. Errors use util's
 * ErrorDetail shape so a service can pass them straight to ValidationFailedError.
 */
export type Validated<T> = { valid: true; value: T } | { valid: false; errors: ErrorDetail[] };

export const validResult = <T>(value: T): Validated<T> => ({ valid: true, value });
export const invalidResult = <T>(errors: ErrorDetail[]): Validated<T> => ({ valid: false, errors });

/** Direction of a change between two recordings, already corrected for "lower is better" measures. */
export type Movement = 'improved' | 'worse' | 'same';

export type Direction = 'higher_is_better' | 'lower_is_better';

/** improved/worse/same from a signed difference (after − before), honouring the measure's direction. */
export function movementOf(difference: number, direction: Direction): Movement {
  if (difference === 0) return 'same';
  const better = direction === 'higher_is_better' ? difference > 0 : difference < 0;
  return better ? 'improved' : 'worse';
}

/**
 * Checks one answer is a whole number in [min, max]. Returns the error naming the field and
 * the allowed range, or undefined when the value is fine.
 */
export function integerRangeError(
  field: string,
  label: string,
  value: unknown,
  min: number,
  max: number,
): ErrorDetail | undefined {
  if (value === undefined || value === null || value === '') {
    return { field, reason: `${label} is missing; answer with a whole number from ${min} to ${max}` };
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return { field, reason: `${label} must be a whole number from ${min} to ${max}; got ${String(value)}` };
  }
  return undefined;
}
