// Fills register.js's transpile cache for every app and lib source (the Docker image runs it
// at build time, as its run-time user cannot write node_modules/.cache).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { transpile } = require('./register');

const root = path.join(__dirname, '..');
const isSource = (name) => name.endsWith('.ts') && !/\.(spec|integration-spec|e2e-spec|d)\.ts$/.test(name);

function* sources(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (isSource(entry.name)) yield full;
  }
}

let count = 0;
for (const top of ['apps', 'libs'])
  for (const file of sources(path.join(root, top))) {
    transpile(fs.readFileSync(file, 'utf8'), file);
    count += 1;
  }
console.log(`[warm-swc-cache] ${count} files transpiled into node_modules/.cache/linkway-swc`);
