import { type CaseloadCase, caseFlags, sortCaseload, stateLabel } from './caseload';

const NOW = new Date('2026-11-20T12:00:00Z');

function aCase(overrides: Partial<CaseloadCase> = {}): CaseloadCase {
  return {
    id: 'c1',
    referralId: 'r1',
    personId: 'p1',
    queue: 'general',
    practitionerId: 'lw1',
    state: 'support_in_progress',
    closureReason: null,
    needs: [],
    integrationModel: 'pcn',
    openedAt: '2026-10-01T09:00:00Z',
    noContactFlag: false,
    daysSinceContact: 3,
    person: { displayName: 'Ada Lovelace', age: 67, postcodeDistrict: 'LS6', safeguarding: false },
    ...overrides,
  };
}

describe('caseFlags', () => {
  it('flags a case allocated in the last week as new, and not once it is older', () => {
    expect(caseFlags(aCase({ state: 'allocated', openedAt: '2026-11-18T09:00:00Z' }), NOW)).toEqual(['new']);
    expect(caseFlags(aCase({ state: 'allocated', openedAt: '2026-11-01T09:00:00Z' }), NOW)).toEqual([]);
  });

  it('flags no contact in 14 days from casework, and a closed case only as closed', () => {
    expect(caseFlags(aCase({ noContactFlag: true }), NOW)).toEqual(['no_contact']);
    expect(caseFlags(aCase({ state: 'closed', noContactFlag: true }), NOW)).toEqual(['closed']);
  });

  it('puts a safeguarding concern first, even on a closed case', () => {
    const person = { displayName: 'Ada', age: 67, postcodeDistrict: 'LS6', safeguarding: true };
    expect(caseFlags(aCase({ person, noContactFlag: true }), NOW)).toEqual(['safeguarding', 'no_contact']);
    expect(caseFlags(aCase({ person, state: 'closed' }), NOW)).toEqual(['safeguarding', 'closed']);
  });
});

describe('sortCaseload', () => {
  const cases = [
    aCase({
      id: 'b',
      person: { displayName: 'Bea', age: 30, postcodeDistrict: 'LS1', safeguarding: false },
      daysSinceContact: 20,
    }),
    aCase({
      id: 'a',
      person: { displayName: 'Al', age: 40, postcodeDistrict: 'LS2', safeguarding: false },
      daysSinceContact: 2,
    }),
    aCase({ id: 'n', person: null, daysSinceContact: 9, openedAt: '2026-09-01T00:00:00Z' }),
  ];

  it('sorts by name both ways, unnamed people first when ascending', () => {
    expect(sortCaseload(cases, 'name', 'ascending', NOW).map((c) => c.id)).toEqual(['n', 'a', 'b']);
    expect(sortCaseload(cases, 'name', 'descending', NOW).map((c) => c.id)).toEqual(['b', 'a', 'n']);
  });

  it('sorts by days since contact without changing the input', () => {
    expect(sortCaseload(cases, 'lastContact', 'descending', NOW).map((c) => c.id)).toEqual(['b', 'n', 'a']);
    expect(cases.map((c) => c.id)).toEqual(['b', 'a', 'n']);
  });

  it('names states in words, even unknown ones', () => {
    expect(stateLabel('support_in_progress')).toBe('Support in progress');
    expect(stateLabel('on_hold')).toBe('on hold');
  });
});
