// Runs the app processes of `npm start`: prefixes their log lines, keeps the last lines
// of each for error messages, waits for /health, and stops them all in one place.
'use strict';
const { spawn } = require('node:child_process');
const readline = require('node:readline');
const { ROOT } = require('./layout');
const { sleep } = require('./daemon');

const TAIL = 20;

class Supervisor {
  /** @param {{ out?: { write(text: string): unknown } }} [options] */
  constructor({ out = process.stdout } = {}) {
    this.out = out;
    this.apps = [];
    this.stopping = false;
  }

  /** Starts `node args` as app `label` (e.g. hub1/gateway). */
  start(label, args, env) {
    // detached: Ctrl-C goes to start.js alone, which stops the apps before the infra
    const child = spawn(process.execPath, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const app = { label, child, tail: [], exit: null };
    const onLine = (line) => {
      app.tail.push(line);
      if (app.tail.length > TAIL) app.tail.shift();
      this.out.write(`[${label}] ${line}\n`);
    };
    readline.createInterface({ input: child.stdout }).on('line', onLine);
    readline.createInterface({ input: child.stderr }).on('line', onLine);
    app.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        app.exit = { code, signal };
        if (!this.stopping) this.out.write(`[${label}] exited (${signal || `code ${code}`})\n`);
        resolve(app.exit);
      });
      child.once('error', (error) => {
        app.exit = { code: -1, signal: null, error };
        resolve(app.exit);
      });
    });
    this.apps.push(app);
    return app;
  }

  /** Resolves when GET url answers 200; rejects with the app's last log lines otherwise. */
  async waitHealthy(app, url, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      if (app.exit) throw this.failure(app, `exited (${app.exit.signal || `code ${app.exit.code}`}) before ${url} answered`);
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) return;
        last = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
      } catch (error) {
        last = (error.cause && error.cause.code) || error.message;
      }
      await sleep(500);
    }
    throw this.failure(app, `did not answer GET ${url} with 200 within ${Math.round(timeoutMs / 1000)} s (last: ${last})`);
  }

  failure(app, what) {
    return new Error(`${app.label} ${what}. Its last log lines:\n${app.tail.map((l) => `  ${l}`).join('\n') || '  (none)'}`);
  }

  /** SIGTERM to every app (they drain NATS and close pools), SIGKILL after the grace period. */
  async stopAll(graceMs = 10_000) {
    this.stopping = true;
    const running = this.apps.filter((a) => !a.exit);
    for (const app of running) signalGroup(app.child.pid, 'SIGTERM');
    const all = Promise.all(running.map((a) => a.exited));
    const timedOut = await Promise.race([all.then(() => false), sleep(graceMs).then(() => true)]);
    if (timedOut) {
      for (const app of running.filter((a) => !a.exit)) {
        this.out.write(`[${app.label}] did not stop within ${graceMs / 1000} s: killing\n`);
        signalGroup(app.child.pid, 'SIGKILL');
      }
      await all;
    }
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

module.exports = { Supervisor };
