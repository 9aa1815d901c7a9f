import { checkNhsNumber } from '@linkway/domain';

/**
 * The inline message for an NHS number field, or undefined when it is fine or still empty
 * (a required-field message is the form's job). The rule is libs/domain's, the one the
 * services apply: never a second copy in the UI.
 */
export function nhsNumberMessage(value: string): string | undefined {
  if (!value.trim()) return undefined;
  const check = checkNhsNumber(value);
  return check.valid ? undefined : `NHS number ${check.reason}`;
}
