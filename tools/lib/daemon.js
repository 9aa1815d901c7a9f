// Servers we start run detached (own process group), logging to .linkway/logs, with a
// record in .linkway/run so that `infra down` can stop them from another shell. Detached
// matters: Ctrl-C reaches the whole foreground group, and the apps must stop before the
// databases and brokers they are talking to.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { dataPath } = require('./layout');

const RUN_DIR = () => dataPath('run');
const LOG_DIR = () => dataPath('logs');

function recordPath(name) {
  return path.join(RUN_DIR(), `${name}.json`);
}

function writeRecord(record) {
  fs.mkdirSync(RUN_DIR(), { recursive: true });
  fs.writeFileSync(recordPath(record.name), JSON.stringify(record, null, 2));
}

function readRecords() {
  let files = [];
  try {
    files = fs.readdirSync(RUN_DIR()).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.map((f) => JSON.parse(fs.readFileSync(path.join(RUN_DIR(), f), 'utf8')));
}

function removeRecord(name) {
  fs.rmSync(recordPath(name), { force: true });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function logFile(name) {
  fs.mkdirSync(LOG_DIR(), { recursive: true });
  return path.join(LOG_DIR(), `${name}.log`);
}

/** Starts `command args` detached with output appended to .linkway/logs/<name>.log. */
function spawnDaemon(name, command, args, { env = process.env, cwd } = {}) {
  const file = logFile(name);
  const fd = fs.openSync(file, 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd], env, cwd });
  fs.closeSync(fd);
  child.unref();
  const record = { name, kind: 'process', pid: child.pid, command: [command, ...args].join(' '), log: file, startedAt: new Date().toISOString() };
  writeRecord(record);
  return { record, child };
}

/** Last `n` lines of a server's log, for error messages. */
function tailLog(file, n = 15) {
  try {
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    return lines.slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function stopProcess(pid, { graceMs = 10_000 } = {}) {
  if (!isAlive(pid)) return;
  // Signal the group: the server is its leader (detached), and that catches any helpers.
  const signal = (sig) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return;
    await sleep(100);
  }
  signal('SIGKILL');
  await sleep(100);
}

/** Stops what a record describes, then forgets it. */
async function stopRecord(record) {
  if (record.kind === 'postgres') {
    const result = spawnSync(record.stopCommand[0], record.stopCommand.slice(1), { encoding: 'utf8' });
    if (result.status !== 0 && record.pid && isAlive(record.pid)) await stopProcess(record.pid);
  } else if (record.pid) {
    await stopProcess(record.pid);
  }
  removeRecord(record.name);
}

module.exports = { spawnDaemon, stopRecord, readRecords, writeRecord, removeRecord, isAlive, tailLog, logFile, sleep, stopProcess };
