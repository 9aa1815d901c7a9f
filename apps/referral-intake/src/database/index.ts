import { Referrals1790000100000 } from './migrations/1790000100000-referrals';

/** The referral-intake service's own schema; no other service reads or writes it. */
export const SCHEMA = 'referral_intake';

/**
 * No entity classes: intake's hot path is a handful of hand-written statements in one
 * transaction (see referrals/referral.repository.ts); TypeORM's save() halved throughput in
 * the measurements.
 */
export const entities = [];

export const migrations = [Referrals1790000100000];
