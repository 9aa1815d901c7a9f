import { IsEmail, IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { DIRECTORY_ID } from '../shared';

/** Request/reply: create (no id) or replace an organization. */
export const DIRECTORY_ORGANIZATION_SAVE_V1 = 'directory.organization.save.v1' as const;

export class DirectoryOrganizationSaveV1 {
  @IsOptional() @Matches(DIRECTORY_ID) id?: string;
  @IsString() @Length(1, 300) name!: string;
  @IsString() @Length(1, 5000) description!: string;
  @IsOptional() @IsEmail() email?: string;
  @IsOptional() @IsUrl() website?: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
}

export interface DirectoryOrganizationViewV1 {
  id: string;
  name: string;
  description: string;
  email?: string;
  website?: string;
  phone?: string;
  created: boolean;
}
