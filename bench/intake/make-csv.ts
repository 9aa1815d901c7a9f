/** `node tools/run.js bench/intake/make-csv.ts OUT ROWS [BAD_EVERY] [NHS_OFFSET]`: writes a synthetic referral CSV. */
import { writeCsv } from './csv-fixture';

const [out, rows, badEvery, offset] = process.argv.slice(2);
if (!out || !rows) {
  console.error('usage: make-csv.ts OUT ROWS [BAD_EVERY] [NHS_OFFSET]');
  process.exit(2);
}
void writeCsv(out, Number(rows), Number(badEvery ?? 0), `O${offset ?? 0}`, Number(offset ?? 0));
