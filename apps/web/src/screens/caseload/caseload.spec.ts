import { type CaseloadCase, caseFlags, flagText, sortCaseload, stateLabel } from './caseload';

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
    partnerReplied: false,
    outcomeDue: null,
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

describe('outcome due and partner replied', () => {
  const due = (overdue: boolean, timepoint = 'baseline') => ({
    timepoint,
    dueAt: '2026-11-10T09:00:00Z',
    overdueAt: '2026-11-24T09:00:00Z',
    overdue,
  });

  it('flags a due measure and a partner reply after casework’s own flags', () => {
    expect(caseFlags(aCase({ outcomeDue: due(false) }), NOW)).toEqual(['outcome_due']);
    expect(caseFlags(aCase({ partnerReplied: true }), NOW)).toEqual(['partner_replied']);
    expect(
      caseFlags(aCase({ noContactFlag: true, outcomeDue: due(true), partnerReplied: true }), NOW),
    ).toEqual(['no_contact', 'outcome_due', 'partner_replied']);
  });

  it('shows neither on a closed case', () => {
    expect(caseFlags(aCase({ state: 'closed', outcomeDue: due(true), partnerReplied: true }), NOW)).toEqual([
      'closed',
    ]);
  });

  it('names the measure’s timepoint and says when it is overdue', () => {
    expect(flagText('outcome_due', aCase({ outcomeDue: due(false) }))).toBe('Outcome due: baseline');
    expect(flagText('outcome_due', aCase({ outcomeDue: due(true, 'six_week') }))).toBe(
      'Outcome overdue: six weeks',
    );
    expect(flagText('outcome_due', aCase({ outcomeDue: due(false, 'some_new_point') }))).toBe(
      'Outcome due: some new point',
    );
    expect(flagText('partner_replied', aCase({ partnerReplied: true }))).toBe('Partner replied');
  });

  it('sorts cases with more flags first when sorting flags descending', () => {
    const cases = [
      aCase({ id: 'quiet' }),
      aCase({ id: 'busy', outcomeDue: due(false), partnerReplied: true }),
      aCase({ id: 'one', partnerReplied: true }),
    ];
    expect(sortCaseload(cases, 'flags', 'descending', NOW).map((c) => c.id)).toEqual([
      'busy',
      'one',
      'quiet',
    ]);
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
