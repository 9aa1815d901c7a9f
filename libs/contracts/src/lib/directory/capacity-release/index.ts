import { IsUUID } from 'class-validator';

/** Request/reply, casework → directory: give a reserved place back. Idempotent by reservation id. */
export const DIRECTORY_CAPACITY_RELEASE_V1 = 'directory.capacity.release.v1' as const;

export class DirectoryCapacityReleaseV1 {
  @IsUUID() reservationId!: string;
}

export interface DirectoryCapacityReleasedV1 {
  reservationId: string;
  serviceId: string;
  releasedAt: string;
  /** true when it had already been released (a retry): nothing changed. */
  alreadyReleased: boolean;
}
