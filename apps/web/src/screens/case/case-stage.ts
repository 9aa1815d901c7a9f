import { CASE_TRANSITIONS, checkCaseTransition } from '@linkway/domain';
import { stateLabel } from '../caseload/caseload';

type CaseState = keyof typeof CASE_TRANSITIONS;

const isCaseState = (state: string): state is CaseState => Object.hasOwn(CASE_TRANSITIONS, state);

/** Why a case closes, in words; the codes are casework's closure reasons. */
export const CLOSURE_REASON_LABELS: Record<string, string> = {
  completed: 'Support completed',
  declined: 'The person declined support',
  did_not_engage: 'The person did not engage',
  moved_away: 'The person moved away',
  died: 'The person died',
};

/** The stages a case may move to from its current one (libs/domain, as casework enforces it). */
export function nextStages(state: string): CaseState[] {
  return isCaseState(state) ? [...CASE_TRANSITIONS[state]] : [];
}

export const stageOptionLabel = (state: string) =>
  state === 'closed' ? 'Close the case' : stateLabel(state);

export interface StageDraft {
  to: string;
  closureReason: string;
}

/**
 * The stage form checked with the domain's rule before it is sent: a stage must be chosen,
 * and closing needs a reason. Keys are the form's field ids.
 */
export function checkStageChange(from: string, draft: StageDraft): Record<string, string> {
  if (!draft.to) return { 'stage-to': 'Choose the stage to move the case to' };
  if (!isCaseState(from) || !isCaseState(draft.to))
    return { 'stage-to': `A case cannot move from ${stateLabel(from)} to ${stateLabel(draft.to)}` };
  const check = checkCaseTransition(
    from,
    draft.to,
    draft.to === 'closed' ? draft.closureReason || null : null,
  );
  if (check.ok) return {};
  return check.field === 'closureReason'
    ? { 'stage-reason': 'Choose why the case is closing' }
    : { 'stage-to': `A case at ${stateLabel(from)} cannot move to ${stateLabel(draft.to)}` };
}

/** The body of POST /casework/cases/:id/transitions: a reason only when closing. */
export const stageRequest = (draft: StageDraft) =>
  draft.to === 'closed' ? { to: draft.to, closureReason: draft.closureReason } : { to: draft.to };

/** The gateway's refusal placed beside the field it names (a 409 names `to`). */
export function stageErrorsFrom(message: string, fields: Record<string, string>): Record<string, string> {
  if (fields['closureReason']) return { 'stage-reason': fields['closureReason'] };
  return { 'stage-to': fields['to'] ? `${message} (${fields['to']})` : message };
}
