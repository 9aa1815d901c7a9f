import type { ErrorDetail } from '@linkway/util';

/**
 * The form of a referral draft: which fields it has and of what type and size. checkReferral
 * checks it first, so every channel (the API and self-referral forms, FHIR, CSV, a NATS
 * client) meets the same rules in one place, and the gateway does not check the body a
 * second time before intake does. Written out by hand: on the hot create path a declarative
 * validator cost more than the rest of the checks together.
 */
type Field =
  | { kind: 'text'; optional?: boolean; min?: number; max?: number }
  | { kind: 'list'; optional?: boolean; max?: number }
  | { kind: 'flag'; optional?: boolean }
  | { kind: 'group'; fields: Record<string, Field> };

const text = (options: { optional?: boolean; min?: number; max?: number } = {}): Field => ({
  kind: 'text',
  ...options,
});
const list = (options: { optional?: boolean; max?: number } = {}): Field => ({ kind: 'list', ...options });

/**
 * Lengths only where the text is stored as given; codes, dates and NHS numbers are checked by
 * their own rules in checkReferral, whose reasons say more than a length would.
 */
const DRAFT: Record<string, Field> = {
  referrerType: text(),
  person: {
    kind: 'group',
    fields: {
      nhsNumber: text({ optional: true, max: 20 }),
      givenName: text({ min: 1, max: 100 }),
      familyName: text({ min: 1, max: 100 }),
      dateOfBirth: text(),
      postcode: text({ max: 10 }),
      flags: list({ optional: true }),
    },
  },
  consent: {
    kind: 'group',
    fields: { givenBy: text(), method: text(), recordedAt: text() },
  },
  reasons: list({ max: 15 }),
  homeScreen: list({ optional: true }),
  safeguarding: { kind: 'flag', optional: true },
  note: text({ optional: true, max: 2000 }),
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every problem with the draft's form, each naming its field (`person.givenName`); none if it is well formed. */
export function checkDraftShape(input: unknown): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (!isRecord(input)) return [{ field: 'referral', reason: 'must be a JSON object' }];
  checkGroup(input, DRAFT, '', errors);
  return errors;
}

function checkGroup(
  value: Record<string, unknown>,
  fields: Record<string, Field>,
  prefix: string,
  errors: ErrorDetail[],
): void {
  for (const name in value) {
    if (!Object.hasOwn(fields, name))
      errors.push({ field: `${prefix}${name}`, reason: 'is not a field of a referral; remove it' });
  }
  for (const name in fields) checkField(value[name], fields[name], `${prefix}${name}`, errors);
}

function checkField(value: unknown, field: Field, path: string, errors: ErrorDetail[]): void {
  if (field.kind === 'group') {
    if (isRecord(value)) checkGroup(value, field.fields, `${path}.`, errors);
    else errors.push({ field: path, reason: 'must be an object' });
    return;
  }
  if (value === undefined || value === null) {
    if (!field.optional) errors.push({ field: path, reason: 'is required' });
    return;
  }
  if (field.kind === 'flag') {
    if (typeof value !== 'boolean') errors.push({ field: path, reason: 'must be true or false' });
    return;
  }
  if (field.kind === 'text') {
    if (typeof value !== 'string') errors.push({ field: path, reason: 'must be a string' });
    else if (field.min && value.trim().length < field.min)
      errors.push({ field: path, reason: 'must not be empty' });
    else if (field.max !== undefined && value.length > field.max)
      errors.push({ field: path, reason: `must be at most ${field.max} characters` });
    return;
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    errors.push({ field: path, reason: 'must be a list of codes (strings)' });
  else if (field.max !== undefined && value.length > field.max)
    errors.push({ field: path, reason: `must list at most ${field.max}` });
}
