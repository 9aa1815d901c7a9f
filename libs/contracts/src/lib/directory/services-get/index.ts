import { ArrayMaxSize, ArrayMinSize, IsArray, Matches } from 'class-validator';
import { DIRECTORY_ID, type DirectoryServiceViewV1 } from '../shared';

/** Request/reply: several services at once (capacity, organisation), so a report joins them in one call. */
export const DIRECTORY_SERVICES_GET_V1 = 'directory.service.get_many.v1' as const;

export class DirectoryServicesGetV1 {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @Matches(DIRECTORY_ID, { each: true }) serviceIds!: string[];
}

/** Unknown ids are left out. */
export interface DirectoryServicesGetResultV1 {
  items: DirectoryServiceViewV1[];
}
