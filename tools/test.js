#!/usr/bin/env node
// `npm test`: lint + type checks, unit, integration (real Postgres, Redis, NATS) and e2e
// suites, in that order, stopping at the first failing step. `npm test -- unit integration`
// runs only the named steps (lint, unit, integration, e2e). Infra is reused when it
// answers on the default ports, else started under .linkway/ and stopped afterwards.
'use strict';
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { ensureDependencies } = require('./lib/deps');
const { ROOT } = require('./lib/layout');
const { addJestCounts, lineSplitter } = require('./lib/jest-summary');

const NX = path.join(ROOT, 'node_modules', '.bin', 'nx');
// A hung suite (an unclosed browser or connection keeps jest alive) must fail the run, not
// eat CI's whole budget. Generous: the whole run is meant to take under 15 minutes.
const STEP_TIMEOUT_MS = Number(process.env.LINKWAY_TEST_STEP_TIMEOUT_MS || 15 * 60_000);
const log = (line) => console.log(`[test] ${line}`);

/** All steps, or only the named ones (`npm test -- unit integration`). */
function steps(only) {
  // static: print every task's output, passing ones too (their jest counts are read)
  // Nx keeps its cache per machine (~/.nx), shared by every clone: CI must run, not replay.
  const fresh = process.env.CI ? ['--skip-nx-cache'] : [];
  const nx = (...args) => ['run-many', ...args, '--outputStyle=static', ...fresh];
  const list = [
    { name: 'lint', label: 'lint + typecheck', args: nx('-t', 'lint', 'typecheck') },
    { name: 'unit', label: 'unit', args: nx('-t', 'test') },
    // one project at a time: integration suites share the machine's Postgres/NATS and CPU
    { name: 'integration', label: 'integration', args: nx('-t', 'integration', '--parallel=1') },
  ];
  if (projectsWithTarget('e2e').length) list.push({ name: 'e2e', label: 'e2e', args: nx('-t', 'e2e', '--parallel=1') });
  const unknown = only.filter((n) => !['lint', 'unit', 'integration', 'e2e'].includes(n));
  if (unknown.length) throw new Error(`unknown step(s) ${unknown.join(', ')}; steps are lint, unit, integration, e2e`);
  return only.length ? list.filter((s) => only.includes(s.name)) : list;
}

function projectsWithTarget(target) {
  const result = spawnSync(NX, ['show', 'projects', '--with-target', target, '--json'], { cwd: ROOT, encoding: 'utf8', env: nxEnv(process.env) });
  if (result.status !== 0) return [];
  try {
    return JSON.parse(result.stdout);
  } catch {
    return [];
  }
}

function nxEnv(env) {
  // plain streamed output: it is parsed for jest's counts and read in CI logs
  return { ...env, NX_TUI: 'false', NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
}

let current = null;

/** Runs one nx step, echoing its output and adding its jest counts to totals. */
function runStep(step, env, totals) {
  return new Promise((resolve) => {
    // detached: its own process group, so a timeout or Ctrl-C can stop nx, jest and any
    // browser or server a suite started, all at once
    const child = spawn(NX, step.args, { cwd: ROOT, env: nxEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    current = child;
    const timer = setTimeout(() => {
      console.error(`\n[test] ${step.label} did not finish within ${Math.round(STEP_TIMEOUT_MS / 1000)} s (LINKWAY_TEST_STEP_TIMEOUT_MS): stopping it`);
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child, 'SIGKILL'), 5000).unref();
    }, STEP_TIMEOUT_MS);
    const onLine = (line) => addJestCounts(line, totals);
    const out = lineSplitter(onLine);
    const err = lineSplitter(onLine);
    child.stdout.on('data', (c) => {
      process.stdout.write(c);
      out.push(c.toString('utf8'));
    });
    child.stderr.on('data', (c) => {
      process.stderr.write(c);
      err.push(c.toString('utf8'));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      // whatever the step left behind in its group (a browser, a server) goes with it
      killGroup(child, 'SIGKILL');
      out.end();
      err.end();
      current = null;
      resolve(signal ? 1 : code);
    });
  });
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // group already gone
  }
}

async function main() {
  ensureDependencies();
  const infraLib = require('./infra');
  let infra = null;
  const stopInfra = async () => {
    if (infra) await infra.stop();
    infra = null;
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, async () => {
      if (current) killGroup(current, 'SIGTERM');
      await stopInfra();
      process.exit(130);
    });
  }

  const startedAt = Date.now();
  const totals = { passed: 0, failed: 0, skipped: 0, total: 0 };
  const results = [];
  let exitCode = 0;
  try {
    infra = await infraLib.up({ databases: ['linkway_test'] });
    const env = { ...process.env, ...infraLib.singleModeEnv(infra), TZ: 'UTC' };
    log(`DATABASE_URL=${env.DATABASE_URL} REDIS_URL=${env.REDIS_URL} NATS_URL=${env.NATS_URL}`);
    for (const step of steps(process.argv.slice(2))) {
      log(`── ${step.label}: nx ${step.args.join(' ')}`);
      const t0 = Date.now();
      const code = await runStep(step, env, totals);
      results.push({ name: step.label, ok: code === 0, seconds: Math.round((Date.now() - t0) / 1000) });
      if (code !== 0) {
        exitCode = 1;
        break;
      }
    }
  } catch (error) {
    console.error(`[test] ${error.message}`);
    exitCode = 1;
  } finally {
    await stopInfra();
  }

  console.log('');
  for (const r of results) log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds} s)`);
  log(`${exitCode ? 'failed' : 'all steps passed'} in ${Math.round((Date.now() - startedAt) / 1000)} s; jest: ${totals.total} tests, ${totals.skipped} skipped`);
  // The closing line CI reads: keep this exact shape.
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(exitCode);
}

main();
