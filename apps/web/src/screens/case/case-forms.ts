import { ONS4_ITEMS, type Ons4Answers, type Ons4Item, validateOns4 } from '@linkway/domain';

export type Ons4Draft = Record<Ons4Item, string>;

export const emptyOns4 = (): Ons4Draft => ({
  lifeSatisfaction: '',
  worthwhile: '',
  happiness: '',
  anxiety: '',
});

/**
 * The quick-add ONS4 form checked with libs/domain's validateOns4, as the outcomes service checks
 * it: each item a whole number 0–10. A blank box is "not answered" (undefined), not 0.
 */
export function checkOns4(draft: Ons4Draft): { answers?: Ons4Answers; errors: Record<string, string> } {
  const input: Partial<Record<Ons4Item, unknown>> = {};
  for (const item of ONS4_ITEMS) {
    const text = draft[item].trim();
    input[item] = text === '' ? undefined : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }
  const result = validateOns4(input);
  if (result.valid) return { answers: result.value, errors: {} };
  const errors: Record<string, string> = {};
  for (const detail of result.errors) errors[`ons4-${detail.field}`] ??= detail.reason;
  return { errors };
}

export interface ContactDraft {
  mode: string;
  durationMinutes: string;
  notes: string;
}

export function checkContact(draft: ContactDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.mode) errors['contact-mode'] = 'Choose how you met';
  const minutes = Number(draft.durationMinutes);
  if (!/^\d+$/.test(draft.durationMinutes.trim()) || minutes < 1 || minutes > 600)
    errors['contact-duration'] = 'Enter the length in minutes, from 1 to 600';
  return errors;
}

export interface ChartPoint {
  label: string;
  value: number;
}

/**
 * Points of a small line chart (SVG user units) for a series of scores on a fixed scale, so two
 * recordings of the same measure are always drawn against the same axis.
 */
export function chartPoints(
  points: readonly ChartPoint[],
  scale: { min: number; max: number },
  size: { width: number; height: number; padding: number },
): Array<ChartPoint & { x: number; y: number }> {
  const span = scale.max - scale.min || 1;
  const innerW = size.width - 2 * size.padding;
  const innerH = size.height - 2 * size.padding;
  return points.map((point, i) => ({
    ...point,
    x: size.padding + (points.length === 1 ? innerW / 2 : (innerW * i) / (points.length - 1)),
    y:
      size.padding +
      innerH -
      (innerH * (Math.min(scale.max, Math.max(scale.min, point.value)) - scale.min)) / span,
  }));
}
