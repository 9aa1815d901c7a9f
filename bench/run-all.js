#!/usr/bin/env node
// `npm run bench`: runs every bench script under bench/<area>/ one after another (they share
// this machine's CPU, so never in parallel), then the hub memory and start-up figures
// (bench/run-all.hub.ts), and writes bench/results/latest.md: one table of figure, value,
// baseline, ratio and target, then each script's full output.
//
//   npm run bench                       every area
//   npm run bench -- --only intake,hub  some areas ("hub" = memory and start-up)
//   npm run bench -- --quick            shorter runs (fewer seconds, rows and cases)
//   npm run bench -- --report           rewrite latest.md from the kept outputs (bench/results/raw)
//
// A bench script is bench/<area>/bench.ts, bench/<area>/*.bench.ts (or .js), or listed in
// ENTRIES below. A script reports figures for the table by printing lines of the form
//   ::figure {"figure":"…","value":"…","baseline":"…","ratio":"…","target":"…"}
// Older scripts' free-text lines are read by the EXTRACTORS below.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'results');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyArg = argv.find((a, i) => a.startsWith('--only') && (a.includes('=') || argv[i + 1]));
const only = onlyArg
  ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : argv[argv.indexOf(onlyArg) + 1]).split(',')
  : null;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS || 20 * 60_000);

/** Scripts that predate the naming convention, and each script's arguments (full / --quick). */
const ENTRIES = {
  directory: [{ file: 'search.ts', args: [], quickArgs: ['--seconds', '5'] }],
  intake: [{ file: 'bench.ts', args: [], quickArgs: ['--seconds', '5', '--rows', '20000'] }],
  web: [{ file: 'caseload.bench.ts', args: ['--loads', '30'], quickArgs: ['--loads', '20'] }],
  federation: [
    {
      file: 'federation.bench.ts',
      args: [],
      quickArgs: [],
      quickEnv: { BENCH_HUBS: '3', BENCH_CASES: '20000', BENCH_OUTAGE_S: '10' },
    },
  ],
};

function discover() {
  const out = [];
  for (const area of fs.readdirSync(__dirname, { withFileTypes: true })) {
    if (!area.isDirectory() || area.name === 'results') continue;
    const dir = path.join(__dirname, area.name);
    const known = ENTRIES[area.name] ?? [];
    const files = new Set(known.map((e) => e.file));
    for (const f of fs.readdirSync(dir)) if (/^bench\.(ts|js)$|\.bench\.(ts|js)$/.test(f)) files.add(f);
    for (const file of [...files].sort()) {
      if (!fs.existsSync(path.join(dir, file))) continue;
      const entry = known.find((e) => e.file === file) ?? { file, args: [], quickArgs: [] };
      out.push({ area: area.name, ...entry, path: path.join('bench', area.name, file) });
    }
  }
  out.push({
    area: 'hub',
    file: 'run-all.hub.ts',
    args: [],
    quickArgs: ['--seconds', '5'],
    path: path.join('bench', 'run-all.hub.ts'),
  });
  return only ? out.filter((b) => only.includes(b.area)) : out;
}

function run(bench) {
  return new Promise((resolve) => {
    const started = Date.now();
    const args = ['tools/run.js', bench.path, ...(quick ? bench.quickArgs : bench.args)];
    const env = { ...process.env, ...(quick ? bench.quickEnv : {}) };
    console.log(`\n[bench] ${bench.path} ${(quick ? bench.quickArgs : bench.args).join(' ')}`);
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    const timer = setTimeout(() => {
      output += `\n[bench] timed out after ${TIMEOUT_MS} ms; killed\n`;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ ...bench, code: signal ? signal : code, seconds: (Date.now() - started) / 1000, output });
    });
  });
}

const ratio = (value, baseline) => (baseline ? `${((value / baseline) * 100).toFixed(0)}%` : '');
const num = (s) => Number(String(s).replace(/,/g, ''));

/** Free-text figures of the scripts written before the ::figure protocol. */
const EXTRACTORS = {
  intake(out) {
    const rows = [];
    const base = /baseline Fastify \+ pg.*?\s(\d+) req\/s\s+p50\s+(\d+) ms\s+p99\s+(\d+) ms/.exec(out);
    const real = /gateway → NATS → intake[^\d]*?(\d+) req\/s\s+p50\s+(\d+) ms\s+p99\s+(\d+) ms/.exec(out);
    if (real) {
      rows.push({
        figure: 'POST referral through gateway → NATS → intake (req/s)',
        value: real[1],
        baseline: base?.[1] ?? '',
        ratio: base ? ratio(num(real[1]), num(base[1])) : '',
        target: '≥ 50% of baseline',
      });
      rows.push({
        figure: 'POST referral p99 (ms)',
        value: real[3],
        baseline: base?.[3] ?? '',
        ratio: base ? ratio(num(real[3]), num(base[3])) : '',
        target: '≤ 50 ms',
      });
    }
    const alone = /intake alone[^\n]*?\s(\d+) req\/s\s+p50\s+(\d+) ms\s+p99\s+(\d+) ms/.exec(out);
    if (alone)
      rows.push({
        figure: 'intake alone over NATS request/reply (req/s)',
        value: alone[1],
        baseline: base?.[1] ?? '',
        ratio: base ? ratio(num(alone[1]), num(base[1])) : '',
        target: '',
      });
    const prop = /event propagation[^:]*: p50 ([\d.]+) ms\s+p99 ([\d.]+) ms/.exec(out);
    if (prop)
      rows.push({
        figure: '201 → received event on NATS p99 (ms)',
        value: prop[2],
        baseline: '',
        ratio: '',
        target: '≤ 200 ms',
      });
    const raw = /raw batched INSERT \(\d+ rows\/statement\)\s+([\d.]+) s\s+(\d+) rows\/s/.exec(out);
    const imp = /linkway import referrals \(exit \d+\)\s+([\d.]+) s\s+(\d+) rows\/s\s+peak RSS (\d+) MB/.exec(
      out,
    );
    if (imp) {
      rows.push({
        figure: 'CSV import (s)',
        value: imp[1],
        baseline: raw?.[1] ?? '',
        ratio: raw ? ratio(num(imp[1]), num(raw[1])) : '',
        target: '≤ 30 s',
      });
      rows.push({
        figure: 'CSV import peak RSS (MB)',
        value: imp[3],
        baseline: '',
        ratio: '',
        target: '≤ 300 MB',
      });
    }
    return rows;
  },
  directory(out) {
    // console.table rows: │ (index) │ route │ ... p50 │ p99 │ ... ; keep each row's numbers
    const rows = [];
    const lines = out.split('\n').filter((l) => l.startsWith('│') && !l.includes('(index)'));
    const cells = lines.map((l) =>
      l
        .split('│')
        .map((c) => c.trim().replace(/^'|'$/g, ''))
        .filter(Boolean),
    );
    const header = out.split('\n').find((l) => l.includes('(index)'));
    const names = header
      ? header
          .split('│')
          .map((c) => c.trim())
          .filter(Boolean)
      : [];
    const baselineRow = cells.find((c) => /baseline|sql/i.test(c.join(' ')));
    for (const c of cells) {
      const p99i = names.findIndex((n) => /p99/i.test(n));
      if (p99i < 0) continue;
      const isBase = c === baselineRow;
      rows.push({
        figure: `directory search ${c[1] ?? c[0]} p99 (ms)`,
        value: c[p99i],
        baseline: isBase ? '' : (baselineRow?.[p99i] ?? ''),
        ratio: !isBase && baselineRow ? ratio(num(c[p99i]), num(baselineRow[p99i])) : '',
        target: isBase ? '' : '≤ 20 ms',
      });
    }
    const rss = /RSS after load: gateway (\d+) MB, partner-directory (\d+) MB/.exec(out);
    if (rss)
      rows.push({
        figure: 'directory bench RSS gateway / partner-directory (MB)',
        value: `${rss[1]} / ${rss[2]}`,
        baseline: '',
        ratio: '',
        target: '',
      });
    return rows;
  },
  outcomes(out) {
    // "  <scenario>  p50 x ms  p99 y ms   p50 a ms  p99 b ms   (n=N)": dashboard, then raw SQL
    const rows = [];
    const re =
      /^\s{2}(\S.*?)\s{2,}p50\s+([\d.]+) ms\s+p99\s+([\d.]+) ms\s+p50\s+([\d.]+) ms\s+p99\s+([\d.]+) ms/gm;
    for (const m of out.matchAll(re)) {
      rows.push({
        figure: `outcomes dashboard ${m[1].trim()} p99 (ms)`,
        value: m[3],
        baseline: m[5],
        ratio: ratio(num(m[3]), num(m[5])),
        target: '≤ 100 ms',
      });
    }
    const rss = /outcomes service RSS: (\d+) MB/.exec(out);
    if (rss)
      rows.push({
        figure: 'outcomes service RSS after dashboard bench (MB)',
        value: rss[1],
        baseline: '',
        ratio: '',
        target: '',
      });
    return rows;
  },
  federation(out) {
    const rows = [];
    const ingest = /ingest: (\d+) snapshots published in (\d+) ms, all applied at the ICS in (\d+) ms/.exec(
      out,
    );
    if (ingest)
      rows.push({
        figure: `federation ingest of ${ingest[1]} snapshots (ms)`,
        value: ingest[3],
        baseline: '',
        ratio: '',
        target: '',
      });
    const base = /baseline GET \/api\/v1\/reports[^:]*: p50 ([\d.]+) ms\s+p99 ([\d.]+) ms/.exec(out);
    for (const [label, re] of [
      ['dashboard reports cached p99 (ms)', /dashboard reports, cached:\s+p50 ([\d.]+) ms\s+p99 ([\d.]+) ms/],
      [
        'dashboard reports uncached p99 (ms)',
        /dashboard reports, uncached[^:]*:\s+p50 ([\d.]+) ms\s+p99 ([\d.]+) ms/,
      ],
    ]) {
      const m = re.exec(out);
      if (m)
        rows.push({
          figure: label,
          value: m[2],
          baseline: base?.[2] ?? '',
          ratio: base ? ratio(num(m[2]), num(base[2])) : '',
          target: '',
        });
    }
    const catchUp = /catch-up after a (\d+) s ICS outage: (\d+) ms/.exec(out);
    if (catchUp)
      rows.push({
        figure: `catch-up after a ${catchUp[1]} s ICS outage (ms)`,
        value: catchUp[2],
        baseline: '',
        ratio: '',
        target: '',
      });
    const lat = /publish at a hub → ICS report changed: p50 ([\d.]+) ms\s+p99 ([\d.]+) ms/.exec(out);
    if (lat)
      rows.push({
        figure: 'publish at hub → ICS report changed p99 (ms)',
        value: lat[2],
        baseline: '',
        ratio: '',
        target: '',
      });
    const rss = /federation app RSS: (\d+) MB/.exec(out);
    if (rss)
      rows.push({ figure: 'federation app RSS (MB)', value: rss[1], baseline: '', ratio: '', target: '' });
    return rows;
  },
};

function figures(result) {
  const rows = [];
  for (const line of result.output.split('\n')) {
    const m = /^::figure (\{.*\})\s*$/.exec(line.trim());
    if (!m) continue;
    try {
      rows.push(JSON.parse(m[1]));
    } catch {
      // a malformed line is shown in the raw output
    }
  }
  const extractor = EXTRACTORS[result.area];
  if (extractor) rows.push(...extractor(result.output));
  if (result.code !== 0)
    rows.push({
      figure: `${result.path} exit`,
      value: String(result.code),
      baseline: '',
      ratio: '',
      target: '0',
    });
  return rows.map((r) => ({ area: result.area, ...r }));
}

const cell = (v) => String(v ?? '').replace(/\|/g, '\\|');

/** Each script's last run, kept so `--only` re-runs one area and the table keeps the others. */
const RAW = path.join(RESULTS, 'raw');
const rawFile = (benchPath) =>
  path.join(RAW, `${benchPath.replace(/^bench\//, '').replace(/[\\/]/g, '__')}.json`);

function saveRaw(result) {
  fs.mkdirSync(RAW, { recursive: true });
  fs.writeFileSync(
    rawFile(result.path),
    JSON.stringify({ ...result, finishedAt: new Date().toISOString(), quick }, null, 2),
  );
}

function loadRaws() {
  if (!fs.existsSync(RAW)) return [];
  return fs
    .readdirSync(RAW)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(RAW, f), 'utf8')));
}

function writeReport() {
  const results = loadRaws();
  const rows = results.flatMap(figures);
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}, node ${process.version}`;
  const md = [
    `# Bench results`,
    '',
    `Written ${new Date().toISOString()} by \`npm run bench\` (bench/run-all.js) on ${machine}. Each baseline was measured in the same run as its figure; each script's run time is in the table below.`,
    '',
    '| area | figure | value | baseline | ratio | target |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${cell(r.area)} | ${cell(r.figure)} | ${cell(r.value)} | ${cell(r.baseline)} | ${cell(r.ratio)} | ${cell(r.target)} |`,
    ),
    '',
    '## Scripts',
    '',
    '| script | finished | mode | exit | seconds |',
    '|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.path} | ${r.finishedAt} | ${r.quick ? 'quick' : 'full'} | ${r.code} | ${Number(r.seconds).toFixed(0)} |`,
    ),
    '',
    ...results.flatMap((r) => [
      `<details><summary>${r.path} output</summary>`,
      '',
      '```',
      String(r.output).trim().slice(-20_000),
      '```',
      '',
      '</details>',
      '',
    ]),
  ].join('\n');
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'latest.md'), md);
  console.log(`\n[bench] ${rows.length} figures from ${results.length} scripts → bench/results/latest.md`);
}

async function main() {
  if (argv.includes('--report')) return writeReport();
  const benches = discover();
  const results = [];
  for (const bench of benches) {
    const result = await run(bench);
    saveRaw(result);
    results.push(result);
  }
  writeReport();
  process.exit(results.every((r) => r.code === 0) ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
