import type { ErrorDetail } from '@linkway/util';
import {
  type Direction,
  type Movement,
  type Validated,
  integerRangeError,
  invalidResult,
  movementOf,
  validResult,
} from '../shared/validated';

/** ONS4 personal well-being: four separate questions, each 0–10. Never summed into one score. */
export const ONS4_ITEMS = ['lifeSatisfaction', 'worthwhile', 'happiness', 'anxiety'] as const;
export type Ons4Item = (typeof ONS4_ITEMS)[number];
export type Ons4Answers = Record<Ons4Item, number>;

export const ONS4_MIN = 0;
export const ONS4_MAX = 10;

export const ONS4_ITEM_LABELS: Readonly<Record<Ons4Item, string>> = {
  lifeSatisfaction: 'Life satisfaction',
  worthwhile: 'Worthwhile',
  happiness: 'Happiness yesterday',
  anxiety: 'Anxiety yesterday',
};

/** Anxiety is the one item where a lower score is the better outcome. */
export const ONS4_DIRECTION: Readonly<Record<Ons4Item, Direction>> = {
  lifeSatisfaction: 'higher_is_better',
  worthwhile: 'higher_is_better',
  happiness: 'higher_is_better',
  anxiety: 'lower_is_better',
};

export type Ons4PositiveBand = 'low' | 'medium' | 'high' | 'very_high';
export type Ons4AnxietyBand = 'very_low' | 'low' | 'medium' | 'high';
export type Ons4Band = Ons4PositiveBand | Ons4AnxietyBand;

/** Band thresholds from domain-reference.md (ONS): each entry is the lowest score of its band. */
const POSITIVE_BANDS: ReadonlyArray<[number, Ons4PositiveBand]> = [
  [9, 'very_high'],
  [7, 'high'],
  [5, 'medium'],
  [0, 'low'],
];
const ANXIETY_BANDS: ReadonlyArray<[number, Ons4AnxietyBand]> = [
  [6, 'high'],
  [4, 'medium'],
  [2, 'low'],
  [0, 'very_low'],
];

/**
 * Bands ordered from worst to best outcome, so a move can be read off the index whatever the item.
 * For anxiety "high" is the worst place to be.
 */
const POSITIVE_ORDER: readonly Ons4Band[] = ['low', 'medium', 'high', 'very_high'];
const ANXIETY_ORDER: readonly Ons4Band[] = ['high', 'medium', 'low', 'very_low'];

function assertOns4Score(item: Ons4Item, score: number): void {
  if (!Number.isInteger(score) || score < ONS4_MIN || score > ONS4_MAX) {
    throw new RangeError(`${ONS4_ITEM_LABELS[item]} must be a whole number from 0 to 10; got ${score}`);
  }
}

/** The ONS band of one item's score. Throws on a score that validation would have refused. */
export function ons4Band(item: Ons4Item, score: number): Ons4Band {
  assertOns4Score(item, score);
  const bands = item === 'anxiety' ? ANXIETY_BANDS : POSITIVE_BANDS;
  const found = bands.find(([lowest]) => score >= lowest);
  // The last band starts at 0, so a valid score always finds one.
  return (found ?? bands[bands.length - 1])[1];
}

/** The band of each of the four items. */
export function ons4Bands(answers: Ons4Answers): Record<Ons4Item, Ons4Band> {
  return mapOns4((item) => ons4Band(item, answers[item]));
}

/** Checks all four answers are whole numbers 0–10; errors name the item and the range. */
export function validateOns4(input: Partial<Record<Ons4Item, unknown>>): Validated<Ons4Answers> {
  const errors = ONS4_ITEMS.map((item) =>
    integerRangeError(item, ONS4_ITEM_LABELS[item], input[item], ONS4_MIN, ONS4_MAX),
  ).filter((error): error is ErrorDetail => error !== undefined);
  if (errors.length > 0) return invalidResult(errors);
  return validResult(mapOns4((item) => input[item] as number));
}

export interface Ons4ItemComparison {
  before: Ons4Band;
  after: Ons4Band;
  /** Band move corrected for direction: anxiety moving to a lower band is "improved". */
  bandMove: Movement;
  /** Raw score change (after − before), not corrected for direction. */
  scoreChange: number;
}

/** Per-item band move between two recordings of the same person (e.g. baseline and end of support). */
export function compareOns4(before: Ons4Answers, after: Ons4Answers): Record<Ons4Item, Ons4ItemComparison> {
  return mapOns4((item) => {
    const beforeBand = ons4Band(item, before[item]);
    const afterBand = ons4Band(item, after[item]);
    const order = item === 'anxiety' ? ANXIETY_ORDER : POSITIVE_ORDER;
    // The order is worst → best for every item, so the index difference is already "higher is better".
    const rankChange = order.indexOf(afterBand) - order.indexOf(beforeBand);
    return {
      before: beforeBand,
      after: afterBand,
      bandMove: movementOf(rankChange, 'higher_is_better'),
      scoreChange: after[item] - before[item],
    };
  });
}

function mapOns4<T>(f: (item: Ons4Item) => T): Record<Ons4Item, T> {
  return Object.fromEntries(ONS4_ITEMS.map((item) => [item, f(item)])) as Record<Ons4Item, T>;
}
