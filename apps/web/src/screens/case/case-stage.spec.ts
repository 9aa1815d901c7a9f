import { CLOSURE_REASONS } from '@linkway/contracts';
import {
  checkStageChange,
  CLOSURE_REASON_LABELS,
  nextStages,
  stageErrorsFrom,
  stageOptionLabel,
  stageRequest,
} from './case-stage';

describe('nextStages', () => {
  it('offers only the moves the lifecycle allows from the current stage', () => {
    expect(nextStages('allocated')).toEqual(['first_contact', 'closed']);
    expect(nextStages('follow_up')).toEqual(['support_in_progress', 'closed']);
    expect(nextStages('closed')).toEqual([]);
    expect(nextStages('no_such_state')).toEqual([]);
  });

  it('labels closing as an action and other stages by name', () => {
    expect(nextStages('plan_agreed').map(stageOptionLabel)).toEqual([
      'Support in progress',
      'Close the case',
    ]);
  });
});

describe('checkStageChange', () => {
  it('needs a stage, and a reason when closing', () => {
    expect(checkStageChange('allocated', { to: '', closureReason: '' })).toEqual({
      'stage-to': 'Choose the stage to move the case to',
    });
    expect(checkStageChange('allocated', { to: 'closed', closureReason: '' })).toEqual({
      'stage-reason': 'Choose why the case is closing',
    });
    expect(checkStageChange('allocated', { to: 'closed', closureReason: 'moved_away' })).toEqual({});
  });

  it('refuses a skipped stage, and ignores a reason left chosen for a move that is not closing', () => {
    expect(checkStageChange('allocated', { to: 'plan_agreed', closureReason: '' })).toEqual({
      'stage-to': 'A case at Allocated cannot move to Plan agreed',
    });
    expect(checkStageChange('allocated', { to: 'first_contact', closureReason: 'died' })).toEqual({});
    expect(stageRequest({ to: 'first_contact', closureReason: 'died' })).toEqual({ to: 'first_contact' });
    expect(stageRequest({ to: 'closed', closureReason: 'died' })).toEqual({
      to: 'closed',
      closureReason: 'died',
    });
  });

  it('has words for every closure reason casework accepts', () => {
    expect(Object.keys(CLOSURE_REASON_LABELS).sort()).toEqual([...CLOSURE_REASONS].sort());
  });
});

describe('stageErrorsFrom', () => {
  it('puts the gateway’s refusal beside the field it names', () => {
    expect(
      stageErrorsFrom('Invalid transition', { closureReason: 'closing needs one of completed' }),
    ).toEqual({
      'stage-reason': 'closing needs one of completed',
    });
    expect(
      stageErrorsFrom('Cannot move a case from closed to first_contact; allowed: none', {
        to: 'a case in closed cannot change state',
      }),
    ).toEqual({
      'stage-to':
        'Cannot move a case from closed to first_contact; allowed: none (a case in closed cannot change state)',
    });
    expect(stageErrorsFrom('Service unavailable', {})).toEqual({ 'stage-to': 'Service unavailable' });
  });
});
