import { createHash } from 'node:crypto';

/**
 * BullMQ queue and job names. NEVER RENAME one: jobs already waiting in Redis under the old
 * name would never be picked up again (a rename needs a migration that moves them).
 */
export enum CaseworkQueue {
  OnwardChaser = 'casework-onward-chaser',
}

/** Job names on CaseworkQueue.OnwardChaser; every one has exactly one processor (checked at start). */
export enum ChaserJob {
  Nudge = 'onward-referral-nudge',
  Expire = 'onward-referral-expire',
  /** A reservation that may exist without an onward referral holding it (a reserve timed out). */
  ReservationCleanup = 'onward-reservation-cleanup',
}

export interface ChaserJobData {
  onwardReferralId: string;
}

export interface ReservationCleanupJobData {
  idempotencyKey: string;
  serviceId: string;
}

/**
 * Deterministic job ids: one nudge and one expiry per onward referral, whoever schedules them
 * and however often (a redelivered event, a restart). BullMQ ignores an add with a known id.
 */
export const chaserJobId = (job: ChaserJob, onwardReferralId: string) => `${job}-${onwardReferralId}`;

/** One cleanup per reservation key (keys may hold ':', which BullMQ ids must not). */
export const cleanupJobId = (idempotencyKey: string) =>
  `${ChaserJob.ReservationCleanup}-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
