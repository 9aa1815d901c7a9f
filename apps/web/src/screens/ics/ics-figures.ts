/** A published figure: a number, `*` (suppressed by disclosure control) or null (no people). */
export type Figure = number | string | null;

export const COLUMN_LABELS: Record<string, string> = {
  received: 'Referrals received',
  accepted: 'Accepted',
  casesOpened: 'Cases opened',
  casesClosed: 'Cases closed',
  homeIdentified: 'Home risks identified',
  homeDelivered: 'Home intervention delivered',
  feedbackSent: 'Partner referrals sent',
  feedbackAnswered: 'Partners answered',
};

export const GROUP_LABELS: Record<string, string> = {
  embedded_specialist: 'Embedded specialist',
  universal_screening: 'Universal screening',
  brokered_referral: 'Brokered referral',
};

export const columnLabel = (key: string) => COLUMN_LABELS[key] ?? key;
export const groupLabel = (key: string) => GROUP_LABELS[key] ?? key.replace(/_/g, ' ');

/** How a figure is shown: `*` stays `*` (the legend explains it), null is a dash, numbers in en-GB. */
export function showFigure(value: Figure | undefined, unit = ''): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  return `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}${unit}`;
}

/** Whether any figure shown is suppressed, so the legend can say so. */
export const anySuppressed = (figures: readonly Figure[]) => figures.some((f) => f === '*');
