/**
 * The figures each scenario records, printed as a table and appended to
 * .linkway/results/<suite>.md (git-ignored) so docs/reliability.md can quote a real run.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './apps';

export interface ScenarioFigures {
  scenario: string;
  sent: number;
  stored: number;
  published: number;
  applied: number;
  lost: number;
  duplicated: number;
  recoverySeconds: number | string;
  notes?: string;
}

export const machine = () =>
  `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`;

const resultsFile = (suite: string) => {
  const dir = join(ROOT, '.linkway', 'results');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${suite}.md`);
};

const rows: ScenarioFigures[] = [];

export function recordScenario(figures: ScenarioFigures) {
  rows.push(figures);
  const header =
    '| scenario | sent | stored | published | applied | lost | duplicated | recovery s | notes |';
  const line = (f: ScenarioFigures) =>
    `| ${f.scenario} | ${f.sent} | ${f.stored} | ${f.published} | ${f.applied} | ${f.lost} | ${f.duplicated} | ${f.recoverySeconds} | ${f.notes ?? ''} |`;
  const table = [header, '|---|---|---|---|---|---|---|---|---|', line(figures)].join('\n');
  console.log(`\n${table}\n`);
  appendFileSync(
    resultsFile('reliability'),
    `<!-- ${new Date().toISOString()} ${machine()} -->\n${line(figures)}\n`,
  );
}

/** Free-form figures of a security property (combinations tried, rows scanned, ...). */
export function recordFigure(suite: string, name: string, value: string | number) {
  console.log(`[${suite}] ${name}: ${value}`);
  appendFileSync(resultsFile(suite), `| ${new Date().toISOString()} | ${name} | ${value} |\n`);
}

export const secondsSince = (startMs: number) => Number(((Date.now() - startMs) / 1000).toFixed(2));
