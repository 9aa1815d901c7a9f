/** What a partner may do next with a referral in each status (casework enforces the same order). */
export const NEXT_ACTIONS: Record<string, Array<{ status: string; label: string }>> = {
  sent: [
    { status: 'accepted', label: 'Accept' },
    { status: 'declined', label: 'Decline' },
  ],
  accepted: [
    { status: 'started', label: 'Start' },
    { status: 'dropped_out', label: 'Dropped out' },
  ],
  started: [
    { status: 'completed', label: 'Complete' },
    { status: 'dropped_out', label: 'Dropped out' },
  ],
};

/** Statuses that need a coded reason (casework refuses them without one). */
export const NEEDS_REASON = new Set(['declined', 'dropped_out']);

export const REASONS = [
  { value: '', label: 'Choose a reason' },
  { value: 'no_capacity', label: 'No capacity' },
  { value: 'not_eligible', label: 'Not eligible' },
  { value: 'not_suitable', label: 'Not suitable' },
  { value: 'person_withdrew', label: 'Person withdrew' },
  { value: 'other', label: 'Other' },
];

export function answerErrors(status: string, reason: string): Record<string, string> {
  return NEEDS_REASON.has(status) && !reason ? { reason: 'Choose a reason' } : {};
}
