#!/usr/bin/env node
// `npm run linkway -- <command…>`: the operator CLI. Each command lives with the app that owns
// it; this file only maps command words to that app's CLI entry (run from TypeScript source).
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { CLI_NODE_FLAGS } = require('./lib/node-flags');

const ROOT = path.resolve(__dirname, '..');

// words → entry file; the remaining arguments are passed on unchanged
const COMMANDS = [
  { words: ['admin', 'create'], entry: 'apps/gateway/src/cli.ts', args: ['create-admin'], help: '--email E --password P --hub H' },
  { words: ['demo', 'seed'], entry: 'apps/gateway/src/cli.ts', args: ['seed-demo'], help: '--hub H [--json]' },
  { words: ['import', 'referrals'], entry: 'apps/referral-intake/src/cli.ts', args: ['import-referrals'], help: 'FILE --hub H [--report PATH] [--concurrency N]' },
  { words: ['federation', 'hub', 'add'], entry: 'apps/federation/src/cli.ts', args: ['hub-add'], help: '--id hub4 --name N --archetype A --integration-model M --population P' },
  { words: ['federation', 'seed-demo'], entry: 'apps/federation/src/cli.ts', args: ['seed-demo'], help: '[--json] [--with-snapshots]' },
  { words: ['directory', 'import'], entry: 'apps/partner-directory/src/cli.ts', args: ['import'], help: 'FILE|URL --hub H' },
  { words: ['directory', 'export'], entry: 'apps/partner-directory/src/cli.ts', args: ['export'], help: '--hub H [--with-extensions] > feed.json' },
  { words: ['casework', 'practitioners', 'import'], entry: 'apps/casework/src/cli.ts', args: ['practitioners-import'], help: 'FILE.json --hub H' },
];

function usage() {
  console.error('usage: linkway <command> [options]\n');
  for (const c of COMMANDS) console.error(`  linkway ${c.words.join(' ')} ${c.help}`);
}

const argv = process.argv.slice(2);
const command = COMMANDS.find((c) => c.words.every((w, i) => argv[i] === w));
if (!command) {
  usage();
  process.exit(argv.length ? 2 : 0);
}
const result = spawnSync(
  process.execPath,
  // an import runs the service's whole Nest app in this process: the services' flags, less
  // their idle-memory semi-space cap (see node-flags.js)
  [...CLI_NODE_FLAGS, path.join(ROOT, 'tools/run.js'), command.entry, ...command.args, ...argv.slice(command.words.length)],
  { cwd: ROOT, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
