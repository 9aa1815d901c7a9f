// Runs the TypeScript sources directly (`node -r ./tools/register.js apps/x/src/main.ts`):
// SWC transpiles each .ts file on require, with the same settings as jest (legacy
// decorators with metadata, which NestJS, TypeORM and class-validator rely on), and
// tsconfig-paths resolves the @linkway/* aliases. Type checking is `tsc --noEmit`'s job.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');
const swcOptions = require('./jest/swc-options');

const root = path.join(__dirname, '..');
process.env.TZ = process.env.TZ || 'UTC';

require('tsconfig-paths').register({ baseUrl: root, paths: require('../tsconfig.base.json').compilerOptions.paths });

Module._extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcOptions, filename, swcrc: false, configFile: false });
  module._compile(code, filename);
};
