// Finds server binaries and installs the Debian package when one is missing. Only root
// installs: anyone else gets the exact command, because a script that asks for a sudo
// password in the middle of `npm test` helps nobody.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const PACKAGES = {
  'nats-server': { pkg: 'nats-server', dirs: ['/usr/sbin', '/usr/local/bin', '/usr/bin'] },
  'redis-server': { pkg: 'redis-server', dirs: ['/usr/bin', '/usr/local/bin', '/usr/sbin'] },
  // Debian keeps the server binaries per major version, off PATH.
  pg_ctl: { pkg: 'postgresql', dirs: postgresBinDirs() },
  initdb: { pkg: 'postgresql', dirs: postgresBinDirs() },
};

function postgresBinDirs() {
  const base = '/usr/lib/postgresql';
  let versions = [];
  try {
    versions = fs.readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  } catch {
    // not installed yet
  }
  return versions.map((v) => path.join(base, v, 'bin'));
}

function findOnPath(name, extraDirs = []) {
  const dirs = [...extraDirs, ...(process.env.PATH || '').split(path.delimiter)];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return null;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function installCommand(pkg) {
  return `apt-get update && apt-get install -y ${pkg}`;
}

/** Absolute path of `name`; installs its package first when root, else throws with the command. */
function ensureBinary(name, log = console.log) {
  const spec = PACKAGES[name];
  if (!spec) throw new Error(`unknown binary ${name}`);
  // Postgres keeps initdb next to pg_ctl, never on PATH on Debian: prefer the versioned dir.
  const found = findOnPath(name, name === 'pg_ctl' || name === 'initdb' ? postgresBinDirs() : spec.dirs);
  if (found) return found;
  if (!isRoot()) {
    throw new Error(`${name} is not installed. Install it with:\n  sudo ${installCommand(spec.pkg)}\nor point ${envFor(name)} at a running server.`);
  }
  log(`[infra] ${name} is missing: installing Debian package ${spec.pkg}`);
  const result = spawnSync('bash', ['-c', installCommand(spec.pkg)], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) throw new Error(`installing ${spec.pkg} failed (exit ${result.status}); run: ${installCommand(spec.pkg)}`);
  const installed = findOnPath(name, name === 'pg_ctl' || name === 'initdb' ? postgresBinDirs() : spec.dirs);
  if (!installed) throw new Error(`${spec.pkg} installed but ${name} still not found`);
  return installed;
}

function envFor(name) {
  if (name === 'nats-server') return 'NATS_URL';
  if (name === 'redis-server') return 'REDIS_URL';
  return 'DATABASE_URL';
}

module.exports = { ensureBinary, findOnPath, postgresBinDirs, isRoot, installCommand };
