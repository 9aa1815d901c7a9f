import { Matches } from 'class-validator';
import { DIRECTORY_ID, type DirectoryServiceViewV1 } from '../shared';

/** Request/reply: one service with named referral contacts, route and capacity, for hub staff. */
export const DIRECTORY_SERVICE_GET_V1 = 'directory.service.get.v1' as const;

export class DirectoryServiceGetV1 {
  @Matches(DIRECTORY_ID) serviceId!: string;
}

export type DirectoryServiceGetResultV1 = DirectoryServiceViewV1;
