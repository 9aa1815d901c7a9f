import { gpMessageGatekeeper, historyCaseIds } from './outcomes-access';

describe('outcomes access', () => {
  it('narrows a person history to the link worker’s own cases, never a manager’s', () => {
    expect(historyCaseIds({ allCases: false, caseIds: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(historyCaseIds({ allCases: true, caseIds: ['a'] })).toBeUndefined();
  });

  it('asks intake about a referrer’s GP message and casework about staff’s', () => {
    expect(gpMessageGatekeeper('referrer')).toBe('intake');
    expect(gpMessageGatekeeper('link_worker')).toBe('casework');
    expect(gpMessageGatekeeper('hub_manager')).toBe('casework');
  });
});
