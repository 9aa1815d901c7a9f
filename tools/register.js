// Runs the TypeScript sources directly (`node -r ./tools/register.js apps/x/src/main.ts`):
// SWC transpiles each .ts file on require, with the same settings as jest (legacy
// decorators with metadata, which NestJS, TypeORM and class-validator rely on), and
// tsconfig-paths resolves the @linkway/* aliases. Type checking is `tsc --noEmit`'s job.
//
// Transpiled files are cached on disk (node_modules/.cache/linkway-swc, keyed by path, source,
// settings and SWC version), so a warm start never loads SWC's native module: that, and
// leaving out source maps nobody reads, saves ~40 MB of RSS per process. `--enable-source-maps`
// (or NODE_OPTIONS) brings the inline maps back for readable stack traces.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const swcOptions = require('./jest/swc-options');

const root = path.join(__dirname, '..');
process.env.TZ = process.env.TZ || 'UTC';

require('tsconfig-paths').register({ baseUrl: root, paths: require('../tsconfig.base.json').compilerOptions.paths });

const withMaps = process.sourceMapsEnabled === true;
const options = { ...swcOptions, sourceMaps: withMaps ? 'inline' : false, swcrc: false, configFile: false };
const cacheDir = path.join(root, 'node_modules', '.cache', 'linkway-swc');
const settingsKey = JSON.stringify([options, require('@swc/core/package.json').version]);
let swc = null;

function transpile(source, filename) {
  const key = crypto.createHash('sha256').update(settingsKey).update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet: compile below
  }
  swc ??= require('@swc/core');
  const { code } = swc.transformSync(source, { ...options, filename });
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    // write-then-rename: processes starting together never read a half-written file
    const temp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temp, code);
    fs.renameSync(temp, cached);
  } catch {
    // a read-only tree (an image run as another user) just compiles every time
  }
  return code;
}

Module._extensions['.ts'] = function compileTs(module, filename) {
  module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
};

module.exports = { transpile };
