import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { DIRECTORY_ID } from '../shared';

/**
 * Request/reply, casework → directory: hold a place at a service for an onward referral.
 * Atomic against the service's weekly limit; the idempotency key makes a retried request
 * return the first reservation instead of taking a second place.
 */
export const DIRECTORY_CAPACITY_RESERVE_V1 = 'directory.capacity.reserve.v1' as const;

export class DirectoryCapacityReserveV1 {
  @Matches(DIRECTORY_ID) serviceId!: string;
  /** Unique per intended reservation (e.g. the onward referral id). */
  @IsString() @Length(8, 200) idempotencyKey!: string;
  /** The caller's reference, e.g. the onward referral id, kept with the reservation. */
  @IsOptional() @IsString() @Length(1, 200) reference?: string;
}

export interface DirectoryCapacityReservationV1 {
  reservationId: string;
  serviceId: string;
  reservedAt: string;
  /** Places left this week after this reservation; null when unlimited. */
  placesLeft: number | null;
  /** true when this answers a retry of an earlier reservation with the same key. */
  replayed: boolean;
}
