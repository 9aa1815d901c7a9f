import { Matches } from 'class-validator';
import { DIRECTORY_ID } from '../shared';

/** Request/reply: remove a service with its locations links, attributes and released reservations. */
export const DIRECTORY_SERVICE_DELETE_V1 = 'directory.service.delete.v1' as const;

export class DirectoryServiceDeleteV1 {
  @Matches(DIRECTORY_ID) serviceId!: string;
}

export interface DirectoryServiceDeletedV1 {
  serviceId: string;
}
