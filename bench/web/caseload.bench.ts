/**
 * Web caseload bench (not a test): `node tools/run.js bench/web/caseload.bench.ts [--loads 30]`
 *
 * Issue 8: "first load of a caseload of 40 under 1 s on loopback". On a real stack (the web e2e
 * stack: gateway process serving apps/web/dist, referral-intake, casework and outcomes on a private
 * nats-server and a fresh database), one link worker is given 40 open cases through the API
 * (40 referrals accepted by the hub, allocated by casework). Then, in Debian's Chromium through
 * playwright-core, the time from navigation start to the caseload table showing 40 rows
 * (`performance.now()` in the page when the 40th row is there). Outcomes runs too because the
 * caseload route asks it for due measures (`outcomes.due.list.v1`) before answering: without it the
 * figure would leave that round trip out. A load whose page shows the "outcome measures cannot be
 * shown" notice, or an API answer without `outcomeDueKnown`, fails the run.
 *   cold: a new browser context per load (empty HTTP cache, fresh JS heap);
 *   warm: the same tab navigating to the screen again (hashed assets from cache).
 * Beside, in the same run, the raw `GET /api/v1/caseload` for the same caseload from Node (the
 * two requests the screen waits for are this one and the sign-in check), p50/p99 each.
 * Builds the web app first when apps/web/dist is missing. Prints ::figure lines for run-all.js.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { repoRoot } from '@linkway/testing';
import { ensureChromium } from '../../apps/web/e2e/test-fixtures/chromium';
import { type DemoAccount, type Stack, startStack } from '../../apps/web/e2e/test-fixtures/stack';

const { values: args } = parseArgs({ options: { loads: { type: 'string', default: '30' } } });
const LOADS = Math.max(20, Number(args.loads));
const CASES = 40;
/** The page's globals the functions run in it use (this file is compiled without the DOM library). */
interface InPage {
  document: {
    querySelectorAll(selector: string): { length: number };
    querySelector(selector: string): { textContent: string | null } | null;
  };
  sessionStorage: { setItem(key: string, value: string): void };
}
const log = (line: string) => process.stdout.write(`${line}\n`);
const figure = (f: Record<string, string>) => log(`::figure ${JSON.stringify(f)}`);

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const fmt = (values: number[]) =>
  `p50 ${pct(values, 50).toFixed(0).padStart(5)} ms  p99 ${pct(values, 99).toFixed(0).padStart(5)} ms  (n=${values.length})`;

interface Login {
  accessToken: string;
  expiresIn: number;
  role: string;
  hubId: string;
}

async function api<T>(stack: Stack, token: string | null, method: string, url: string, body?: unknown) {
  const response = await fetch(`${stack.baseUrl}/api/v1${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const login = (stack: Stack, account: DemoAccount) =>
  api<Login>(stack, null, 'POST', '/auth/login', { email: account.email, password: account.password });

/** One practitioner (the demo link worker, capacity 40) and 40 accepted referrals allocated to them. */
async function seed(stack: Stack): Promise<void> {
  const manager = (await login(stack, stack.account('hub_manager'))).accessToken;
  const referrer = (await login(stack, stack.account('referrer'))).accessToken;
  const { items } = await api<{ items: Array<{ id: string; role: string }> }>(
    stack,
    manager,
    'GET',
    '/accounts',
  );
  await api(stack, manager, 'POST', '/casework/practitioners', {
    accountId: items.find((a) => a.role === 'link_worker')?.id,
    name: 'Bench link worker',
    role: 'link_worker',
    hoursPerWeek: 37.5,
    caseloadCapacity: CASES,
    startedOn: '2025-01-06',
  });
  for (let i = 0; i < CASES; i += 1) {
    const { referral } = await api<{ referral: { id: string; status: string } }>(
      stack,
      referrer,
      'POST',
      '/referrals',
      {
        person: {
          givenName: `Person${String.fromCharCode(65 + (i % 26))}`,
          familyName: `Bench${i}`,
          dateOfBirth: `19${40 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
          postcode: 'LS6 1AA',
        },
        consent: { givenBy: 'person', method: 'verbal', recordedAt: new Date().toISOString() },
        referrerType: 'gp_practice',
        reasons: ['isolation'],
      },
    );
    if (referral.status !== 'accepted')
      await api(stack, manager, 'POST', `/referrals/${referral.id}/triage`, { outcome: 'accept' });
  }
}

async function main() {
  const dist = path.join(repoRoot, 'apps/web/dist/index.html');
  if (!existsSync(dist)) {
    log('building the web app (apps/web/dist is missing)');
    const built = spawnSync('npx', ['nx', 'run', 'web:build'], { cwd: repoRoot, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('web build failed');
  }
  log(`web caseload bench: ${CASES} open cases, ${LOADS} loads per scenario`);
  const stack = await startStack(`bench_web_${process.pid}`, {
    services: ['referral-intake', 'casework', 'outcomes'],
  });
  const browser = await chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  try {
    const started = Date.now();
    await seed(stack);
    const workerAccount = stack.account('link_worker');
    const worker = await login(stack, workerAccount);
    // casework opens the cases from intake's events: wait until all 40 are on the caseload
    for (;;) {
      const { cases } = await api<{ cases: unknown[] }>(stack, worker.accessToken, 'GET', '/caseload');
      if (cases.length >= CASES) break;
      if (Date.now() - started > 120_000) throw new Error(`only ${cases.length} cases after 2 minutes`);
      await new Promise((ok) => setTimeout(ok, 250));
    }
    log(`  seeded ${CASES} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const me = await api<{ id: string; displayName: string; email: string }>(
      stack,
      worker.accessToken,
      'GET',
      '/auth/me',
    );
    // the signed-in tab's session, as the sign-in screen stores it
    const session = JSON.stringify({
      token: worker.accessToken,
      expiresAt: Date.now() + worker.expiresIn * 1000,
      role: worker.role,
      hubId: worker.hubId,
      accountId: me.id,
      displayName: me.displayName,
      email: me.email,
    });
    // functions run in the page are sent as source: self-contained, no closures
    const signedIn = (value: string) =>
      (globalThis as unknown as InPage).sessionStorage.setItem('linkway.session', value);
    const url = `${stack.baseUrl}/caseload`;
    /**
     * Navigates and answers the page's own clock when the table first shows every case. The notice
     * and the rows come from the same answer, so the notice is checked in the same frame.
     */
    const load = async (page: import('playwright-core').Page) => {
      await page.goto(url, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(
        (n) => {
          const { document } = globalThis as unknown as InPage;
          if (document.querySelectorAll('.table tbody tr').length < n) return false;
          return { at: performance.now(), notice: document.querySelector('.notice')?.textContent ?? null };
        },
        CASES,
        { polling: 'raf', timeout: 30_000 },
      );
      const { at, notice } = (await handle.jsonValue()) as { at: number; notice: string | null };
      if (notice !== null) throw new Error(`the caseload page showed a notice, figures void: ${notice}`);
      return at;
    };

    const apiMs: number[] = [];
    for (let i = 0; i < LOADS + 5; i += 1) {
      const t0 = performance.now();
      const { cases, outcomeDueKnown } = await api<{ cases: unknown[]; outcomeDueKnown: boolean }>(
        stack,
        worker.accessToken,
        'GET',
        '/caseload',
      );
      if (cases.length !== CASES) throw new Error(`caseload has ${cases.length} cases`);
      if (!outcomeDueKnown) throw new Error('GET /caseload answered without due outcome measures');
      if (i >= 5) apiMs.push(performance.now() - t0); // the first few warm the gateway's JIT
    }

    const cold: number[] = [];
    for (let i = 0; i < LOADS; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(signedIn, session);
      cold.push(await load(await context.newPage()));
      await context.close();
    }

    const warmContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await warmContext.addInitScript(signedIn, session);
    const warmPage = await warmContext.newPage();
    await load(warmPage);
    const warm: number[] = [];
    for (let i = 0; i < LOADS; i += 1) warm.push(await load(warmPage));
    await warmContext.close();

    log('');
    log(`  raw GET /api/v1/caseload (40 cases, Node fetch)     ${fmt(apiMs)}`);
    log(`  navigation → 40 rows, cold (new browser context)    ${fmt(cold)}`);
    log(`  navigation → 40 rows, warm (same tab, cached)       ${fmt(warm)}`);
    for (const [name, values] of [
      ['cold', cold],
      ['warm', warm],
    ] as const) {
      for (const p of [50, 99]) {
        figure({
          figure: `web caseload of 40, first load ${name} p${p}`,
          value: `${pct(values, p).toFixed(0)} ms`,
          baseline: `${pct(apiMs, p).toFixed(0)} ms (GET /caseload)`,
          ratio: (pct(values, p) / pct(apiMs, p)).toFixed(1),
          target: '< 1 s',
        });
      }
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
