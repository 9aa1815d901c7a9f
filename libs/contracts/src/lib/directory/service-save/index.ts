import { Type } from 'class-transformer';
import { IsOptional, Matches, ValidateNested } from 'class-validator';
import { DIRECTORY_ID, DirectoryServiceInputV1, type DirectoryServiceViewV1 } from '../shared';

/**
 * Request/reply: create a service (no serviceId, or an unknown one with `create`) or change
 * one (fields given replace the stored ones; absent fields are kept).
 */
export const DIRECTORY_SERVICE_SAVE_V1 = 'directory.service.save.v1' as const;

export class DirectoryServiceSaveV1 {
  @IsOptional() @Matches(DIRECTORY_ID) serviceId?: string;
  @ValidateNested() @Type(() => DirectoryServiceInputV1) service!: DirectoryServiceInputV1;
}

export interface DirectoryServiceSavedV1 {
  created: boolean;
  service: DirectoryServiceViewV1;
}
