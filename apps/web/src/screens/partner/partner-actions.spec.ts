import { answerErrors, NEXT_ACTIONS } from './partner-actions';

describe('partner actions', () => {
  it('offers accept or decline for a new referral, then start, then complete', () => {
    expect(NEXT_ACTIONS.sent.map((a) => a.status)).toEqual(['accepted', 'declined']);
    expect(NEXT_ACTIONS.accepted.map((a) => a.status)).toContain('started');
    expect(NEXT_ACTIONS.started.map((a) => a.status)).toContain('completed');
    expect(NEXT_ACTIONS.completed).toBeUndefined();
  });

  it('needs a reason to decline, not to accept', () => {
    expect(answerErrors('declined', '')).toEqual({ reason: 'Choose a reason' });
    expect(answerErrors('accepted', '')).toEqual({});
  });
});
