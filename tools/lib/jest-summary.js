// Totals jest's "Tests:" lines across every project nx ran, for the closing
// `N passed, N failed` line that CI reads.
'use strict';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Adds the counts of one chunk of output to totals ({ passed, failed, skipped, total }). */
function addJestCounts(text, totals = { passed: 0, failed: 0, skipped: 0, total: 0 }) {
  for (const raw of text.split('\n')) {
    const line = raw.replace(ANSI, '').trim();
    const m = /^Tests:\s+(.*)$/.exec(line);
    if (!m) continue;
    for (const part of m[1].split(',')) {
      const [, n, what] = /(\d+)\s+(\w+)/.exec(part.trim()) || [];
      if (!n) continue;
      if (what === 'passed') totals.passed += Number(n);
      else if (what === 'failed') totals.failed += Number(n);
      else if (what === 'skipped' || what === 'todo') totals.skipped += Number(n);
      else if (what === 'total') totals.total += Number(n);
    }
  }
  return totals;
}

/** Splits a stream into whole lines (a chunk can end mid-line). */
function lineSplitter(onLine) {
  let rest = '';
  return {
    push(chunk) {
      rest += chunk;
      const lines = rest.split('\n');
      rest = lines.pop();
      for (const l of lines) onLine(l);
    },
    end() {
      if (rest) onLine(rest);
      rest = '';
    },
  };
}

module.exports = { addJestCounts, lineSplitter };
