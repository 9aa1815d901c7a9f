import * as contracts from '../index';
import { HUB_SUBJECT_ROOTS } from './subject-roots';

describe('HUB_SUBJECT_ROOTS', () => {
  const subjects = (Object.entries(contracts) as Array<[string, unknown]>).filter(
    (entry): entry is [string, string] =>
      typeof entry[1] === 'string' && /^[a-z_]+(\.[a-z0-9_-]+)+$/.test(entry[1]),
  );

  it('finds the exported subject constants', () => {
    expect(subjects.length).toBeGreaterThan(20);
  });

  it.each(subjects)('covers %s (%s), so the leaf link can deny it', (_name, subject) => {
    expect(HUB_SUBJECT_ROOTS).toContain(subject.split('.')[0]);
  });

  it('covers the subjects built at run time', () => {
    for (const subject of [
      contracts.systemPingSubject('casework'),
      contracts.hubSnapshotSubject('hub1'),
      contracts.deadLetterSubject('c', 'evt.x'),
    ]) {
      expect(HUB_SUBJECT_ROOTS).toContain(subject.split('.')[0]);
    }
  });
});
