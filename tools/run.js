// `node tools/run.js apps/gateway/src/main.ts [args]`: loads a TypeScript entry through the
// register hook. Node would hand a .ts entry to its ESM loader, so it is required instead.
require('./register');
const path = require('node:path');
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node tools/run.js <file.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 2, path.resolve(entry));
require(path.resolve(entry));
