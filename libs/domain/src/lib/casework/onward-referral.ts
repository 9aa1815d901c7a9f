import type { OnwardReferralStatus } from '@linkway/contracts';

/** The onward referral status trail: who may move it from where to where. `system` is the chaser. */
export const ONWARD_TRANSITIONS: Readonly<
  Record<OnwardReferralStatus, ReadonlyArray<{ to: OnwardReferralStatus; by: 'partner' | 'hub' | 'system' }>>
> = {
  sent: [
    { to: 'accepted', by: 'partner' },
    { to: 'declined', by: 'partner' },
    { to: 'cancelled', by: 'hub' },
    { to: 'expired', by: 'system' },
  ],
  accepted: [
    { to: 'started', by: 'partner' },
    { to: 'dropped_out', by: 'partner' },
    { to: 'cancelled', by: 'hub' },
  ],
  started: [
    { to: 'completed', by: 'partner' },
    { to: 'dropped_out', by: 'partner' },
  ],
  declined: [],
  completed: [],
  dropped_out: [],
  expired: [],
  cancelled: [],
};

/** Statuses after which the reserved place goes back to the service. */
export const ONWARD_RELEASES_CAPACITY: readonly OnwardReferralStatus[] = [
  'declined',
  'expired',
  'cancelled',
  'dropped_out',
];

export function checkOnwardTransition(
  from: OnwardReferralStatus,
  to: OnwardReferralStatus,
  by: 'partner' | 'hub' | 'system',
  reason: string | null | undefined,
): { ok: true } | { ok: false; allowed: OnwardReferralStatus[]; reason: string; field: 'status' | 'reason' } {
  const allowed = ONWARD_TRANSITIONS[from].filter((t) => t.by === by).map((t) => t.to);
  if (!allowed.includes(to)) {
    return {
      ok: false,
      allowed,
      field: 'status',
      reason: allowed.length
        ? `from ${from} you can set ${allowed.join(', ')}`
        : `an onward referral in ${from} cannot be changed by the ${by}`,
    };
  }
  if ((to === 'declined' || to === 'dropped_out') && !reason) {
    return { ok: false, allowed, field: 'reason', reason: `${to} needs a reason` };
  }
  return { ok: true };
}
