import type { ServiceResponsiveness } from '../../api/types';

/** Windows the screen offers, in days. */
export const WINDOWS = [30, 90, 180, 365] as const;

/** The window in the address bar (`?days=`), or 90 when absent or not one of WINDOWS. */
export function windowOf(search: string): number {
  const days = Number(new URLSearchParams(search).get('days'));
  return (WINDOWS as readonly number[]).includes(days) ? days : 90;
}

export const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

export const days = (value: number | null) =>
  value === null ? '–' : `${value.toFixed(1)} ${value === 1 ? 'day' : 'days'}`;

/** Capacity now in words, with the tag's tone: status is never colour alone. */
export function capacityOf(s: ServiceResponsiveness): {
  text: string;
  tone: 'green' | 'yellow' | 'red' | 'grey';
} {
  const c = s.capacity;
  if (!c) return { text: 'No longer in the directory', tone: 'grey' };
  if (c.status !== 'active') return { text: `Service ${c.status}`, tone: 'red' };
  if (c.accepting === 'paused') return { text: 'Paused', tone: 'yellow' };
  if (c.accepting === 'no') return { text: 'Not accepting', tone: 'red' };
  if (c.placesLeft === null) return { text: 'Accepting, no weekly limit', tone: 'green' };
  if (c.placesLeft <= 0) return { text: `Full this week (${c.maxNewPerWeek ?? 0} a week)`, tone: 'red' };
  return {
    text: `Accepting, ${c.placesLeft} ${c.placesLeft === 1 ? 'place' : 'places'} left this week`,
    tone: 'green',
  };
}

/** Partners grouped by organisation (name order), each organisation's services by name. */
export function byOrganisation(
  services: readonly ServiceResponsiveness[],
): Array<{ organisation: string; services: ServiceResponsiveness[] }> {
  const groups = new Map<string, ServiceResponsiveness[]>();
  for (const s of services) {
    const name = s.organisationName ?? 'Organisation not in the directory';
    groups.set(name, [...(groups.get(name) ?? []), s]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([organisation, list]) => ({
      organisation,
      services: [...list].sort((a, b) => a.serviceName.localeCompare(b.serviceName)),
    }));
}
