import { type CaseState, type ClosureReason, CLOSURE_REASONS } from '@linkway/contracts';

/**
 * The case lifecycle. Forward one step at a time; a case may close from any open state (the
 * person declines, does not engage, moves away or dies); support in progress and follow-up may
 * go back to support (a new goal). Closed is final.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseState, readonly CaseState[]>> = {
  allocated: ['first_contact', 'closed'],
  first_contact: ['what_matters_conversation', 'closed'],
  what_matters_conversation: ['plan_agreed', 'closed'],
  plan_agreed: ['support_in_progress', 'closed'],
  support_in_progress: ['follow_up', 'closed'],
  follow_up: ['support_in_progress', 'closed'],
  closed: [],
};

export type TransitionCheck =
  { ok: true } | { ok: false; allowed: readonly CaseState[]; reason: string; field: 'to' | 'closureReason' };

/** Whether `from → to` is allowed; closing needs a reason, and only closing takes one. */
export function checkCaseTransition(
  from: CaseState,
  to: CaseState,
  closureReason?: string | null,
): TransitionCheck {
  const allowed = CASE_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    return {
      ok: false,
      allowed,
      field: 'to',
      reason: allowed.length
        ? `a case in ${from} can move to ${allowed.join(', ')} only`
        : `a case in ${from} cannot change state`,
    };
  }
  if (to === 'closed' && !(CLOSURE_REASONS as readonly string[]).includes(closureReason ?? '')) {
    return {
      ok: false,
      allowed,
      field: 'closureReason',
      reason: `closing needs one of ${CLOSURE_REASONS.join(', ')}`,
    };
  }
  if (to !== 'closed' && closureReason) {
    return {
      ok: false,
      allowed,
      field: 'closureReason',
      reason: 'only a closing transition takes a closure reason',
    };
  }
  return { ok: true };
}

export const isClosureReason = (value: unknown): value is ClosureReason =>
  typeof value === 'string' && (CLOSURE_REASONS as readonly string[]).includes(value);
