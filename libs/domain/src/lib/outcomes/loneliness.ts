import type { ErrorDetail } from '@linkway/util';
import { type Movement, type Validated, invalidResult, movementOf, validResult } from '../shared/validated';

/*
 * The two loneliness measures the ONS recommends (domain-reference.md): the UCLA 3-item scale and
 * the direct question "How often do you feel lonely?". They are reported side by side, never combined.
 */

export const UCLA3_ITEMS = ['lackCompanionship', 'leftOut', 'isolated'] as const;
export type Ucla3Item = (typeof UCLA3_ITEMS)[number];

export const UCLA3_ITEM_LABELS: Readonly<Record<Ucla3Item, string>> = {
  lackCompanionship: 'How often do you feel that you lack companionship?',
  leftOut: 'How often do you feel left out?',
  isolated: 'How often do you feel isolated from others?',
};

export const UCLA3_RESPONSES = ['hardly_ever', 'some_of_the_time', 'often'] as const;
export type Ucla3Response = (typeof UCLA3_RESPONSES)[number];

/** Item scores: hardly ever 1, some of the time 2, often 3. */
export const UCLA3_RESPONSE_SCORES: Readonly<Record<Ucla3Response, number>> = {
  hardly_ever: 1,
  some_of_the_time: 2,
  often: 3,
};

export const UCLA3_TOTAL_MIN = 3;
export const UCLA3_TOTAL_MAX = 9;

export interface Ucla3Score {
  items: Record<Ucla3Item, Ucla3Response>;
  /** 3–9; higher means lonelier. */
  total: number;
}

/** Accepts each answer as its response key or its score 1–3 (forms send one, imports the other). */
export function scoreUcla3(input: Partial<Record<Ucla3Item, unknown>>): Validated<Ucla3Score> {
  const errors: ErrorDetail[] = [];
  const items: Partial<Record<Ucla3Item, Ucla3Response>> = {};
  for (const item of UCLA3_ITEMS) {
    const response = ucla3ResponseOf(input[item]);
    if (response) items[item] = response;
    else
      errors.push({
        field: item,
        reason: `UCLA loneliness item "${item}" must be one of ${UCLA3_RESPONSES.join(', ')} (or 1–3); got ${String(input[item])}`,
      });
  }
  if (errors.length > 0) return invalidResult(errors);
  const complete = items as Record<Ucla3Item, Ucla3Response>;
  const total = UCLA3_ITEMS.reduce((sum, item) => sum + UCLA3_RESPONSE_SCORES[complete[item]], 0);
  return validResult({ items: complete, total });
}

function ucla3ResponseOf(value: unknown): Ucla3Response | undefined {
  if (typeof value === 'string') return UCLA3_RESPONSES.find((response) => response === value);
  if (typeof value === 'number')
    return UCLA3_RESPONSES.find((response) => UCLA3_RESPONSE_SCORES[response] === value);
  return undefined;
}

/** Change in UCLA total (after − before); a fall is an improvement because lower means less lonely. */
export function ucla3Change(before: number, after: number): { change: number; direction: Movement } {
  const change = after - before;
  return { change, direction: movementOf(change, 'lower_is_better') };
}

/** ONS direct question "How often do you feel lonely?", coded 1 (often/always) to 5 (never). */
export const ONS_LONELINESS_RESPONSES = [
  { code: 1, key: 'often_always', label: 'Often/always' },
  { code: 2, key: 'some_of_the_time', label: 'Some of the time' },
  { code: 3, key: 'occasionally', label: 'Occasionally' },
  { code: 4, key: 'hardly_ever', label: 'Hardly ever' },
  { code: 5, key: 'never', label: 'Never' },
] as const;
export type OnsLonelinessResponse = (typeof ONS_LONELINESS_RESPONSES)[number]['key'];
export type OnsLonelinessCode = (typeof ONS_LONELINESS_RESPONSES)[number]['code'];

export const onsLonelinessCode = (response: OnsLonelinessResponse): OnsLonelinessCode =>
  ONS_LONELINESS_RESPONSES.find((r) => r.key === response)?.code ?? 1;

/** Accepts the response key or its code 1–5. */
export function validateOnsLoneliness(value: unknown): Validated<OnsLonelinessResponse> {
  const match = ONS_LONELINESS_RESPONSES.find((r) => r.key === value || r.code === value);
  if (match) return validResult(match.key);
  const allowed = ONS_LONELINESS_RESPONSES.map((r) => `${r.key} (${r.code})`).join(', ');
  return invalidResult([
    {
      field: 'onsLoneliness',
      reason: `"How often do you feel lonely?" must be one of ${allowed}; got ${String(value)}`,
    },
  ]);
}

/** Movement between two answers: towards "never" (a higher code) is an improvement. */
export const compareOnsLoneliness = (before: OnsLonelinessResponse, after: OnsLonelinessResponse): Movement =>
  movementOf(onsLonelinessCode(after) - onsLonelinessCode(before), 'higher_is_better');
