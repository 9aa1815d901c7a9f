/*
 * CSV for commissioners: one line per published figure, `report,scope,scope_id,scope_name,metric,value`,
 * taken from an already protected report (so the CSV can never hold more than the JSON).
 */
type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

const SCOPE_KEYS = ['hubId', 'group', 'period'] as const;
const LABEL_KEYS = new Set(['hubId', 'hubName', 'group', 'period', 'archetype', 'integrationModel', 'hubs']);

function leaves(value: Json, path: string, out: [string, Json][]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      const label = v && typeof v === 'object' && !Array.isArray(v) && 'to' in v ? String(v.to) : String(i);
      leaves(v, `${path}.${label}`, out);
    });
  } else {
    out.push([path, value]);
  }
}

const cell = (v: Json | undefined) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function reportToCsv(
  name: string,
  report: { rows: Record<string, Json>[]; ics?: Json; total?: Json },
): string {
  const lines = ['report,scope,scope_id,scope_name,metric,value'];
  for (const row of report.rows) {
    const key = SCOPE_KEYS.find((k) => k in row) ?? 'hubId';
    const scope = key === 'hubId' ? 'hub' : key;
    const body = Object.fromEntries(Object.entries(row).filter(([k]) => !LABEL_KEYS.has(k))) as Json;
    const out: [string, Json][] = [];
    leaves(body, '', out);
    for (const [metric, value] of out)
      lines.push([name, scope, cell(row[key]), cell(row.hubName ?? row[key]), metric, cell(value)].join(','));
  }
  const total = report.ics ?? report.total;
  if (total !== undefined) {
    const out: [string, Json][] = [];
    leaves(total, '', out);
    for (const [metric, value] of out)
      lines.push([name, 'ics', 'ics', 'ICS total', metric, cell(value)].join(','));
  }
  return `${lines.join('\n')}\n`;
}
