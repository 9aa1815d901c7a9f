// A fresh clone has no node_modules: install them before anything needs them.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ROOT } = require('./layout');

function ensureDependencies(log = console.log) {
  if (fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'nx'))) return;
  const npm = (...args) => spawnSync('npm', [...args, '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' }).status;
  if (fs.existsSync(path.join(ROOT, 'package-lock.json'))) {
    log('[deps] node_modules missing: running npm ci');
    if (npm('ci') === 0) return;
    // A lock file out of step with package.json makes `npm ci` refuse; installing still
    // beats failing the whole run, but the lock file should be fixed (`npm install`, commit).
    log('[deps] warning: npm ci failed (package-lock.json out of sync with package.json?): falling back to npm install');
  } else {
    log('[deps] node_modules missing: running npm install');
  }
  const status = npm('install');
  if (status !== 0) throw new Error(`npm install failed (exit ${status})`);
}

module.exports = { ensureDependencies };
