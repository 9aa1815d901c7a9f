/** Whether a service takes referrals at all; `paused` is a temporary no (e.g. a waiting list closed for the summer). */
export const ACCEPTING_STATES = ['yes', 'no', 'paused'] as const;
export type AcceptingState = (typeof ACCEPTING_STATES)[number];

/** How a referral reaches the receiving service. */
export const REFERRAL_ROUTES = ['in_platform', 'email', 'phone', 'own_form'] as const;
export type ReferralRoute = (typeof REFERRAL_ROUTES)[number];

/** "Maximum new referrals per week" counts reservations made in this rolling window. */
export const CAPACITY_WINDOW_DAYS = 7;

export interface CapacityState {
  accepting: AcceptingState;
  /** null: no weekly limit. */
  maxNewPerWeek: number | null;
  /** Unreleased reservations made within the window. */
  reservedThisWeek: number;
}

/** Places left this week: null when unlimited, 0 when not accepting or full. */
export function placesLeft(state: CapacityState): number | null {
  if (state.accepting !== 'yes') return 0;
  if (state.maxNewPerWeek == null) return null;
  return Math.max(0, state.maxNewPerWeek - state.reservedThisWeek);
}

/** Why a reservation is refused, or null when a place can be taken. */
export function reservationRefusal(state: CapacityState): string | null {
  if (state.accepting === 'no') return 'the service is not accepting referrals';
  if (state.accepting === 'paused') return 'the service has paused referrals';
  if (placesLeft(state) === 0)
    return `the service's weekly limit of ${state.maxNewPerWeek} new referrals is reached`;
  return null;
}

/** An entry not verified for `staleAfterDays` (or never) is stale: link workers should check it before referring. */
export function isStale(lastVerifiedAt: Date | null, now: Date, staleAfterDays: number): boolean {
  if (!lastVerifiedAt) return true;
  return now.getTime() - lastVerifiedAt.getTime() > staleAfterDays * 86_400_000;
}
