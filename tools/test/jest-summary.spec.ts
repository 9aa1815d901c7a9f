import { addJestCounts, lineSplitter } from '../lib/jest-summary';

describe('addJestCounts', () => {
  it('adds the Tests: lines of several projects, colours and all', () => {
    const out = ['Tests:       3 passed, 3 total', '\u001b[1mTests:       \u001b[22m\u001b[1m\u001b[31m1 failed\u001b[39m\u001b[22m, 2 skipped, 4 passed, 7 total', 'Test Suites: 2 passed'].join('\n');

    expect(addJestCounts(out)).toEqual({ passed: 7, failed: 1, skipped: 2, total: 10 });
  });

  it('ignores lines that only mention tests', () => {
    expect(addJestCounts('Ran all test suites.\nTests passed: great')).toEqual({ passed: 0, failed: 0, skipped: 0, total: 0 });
  });
});

describe('lineSplitter', () => {
  it('joins lines split across chunks', () => {
    const lines: string[] = [];
    const sut = lineSplitter((l: string) => lines.push(l));
    sut.push('Tests:  1 pa');
    sut.push('ssed, 1 total\nnext');
    sut.end();
    expect(lines).toEqual(['Tests:  1 passed, 1 total', 'next']);
  });
});
