import { IsIn, IsObject, IsOptional, Matches } from 'class-validator';
import { DIRECTORY_ID } from '../shared';

/**
 * Request/reply, gateway → directory: the public Open Referral UK read API. Answers with
 * ORUK JSON (a page envelope for lists, one fully nested object for an id) holding public
 * fields only: no named referral contacts, no capacity, no partnership.
 */
export const DIRECTORY_ORUK_READ_V1 = 'directory.oruk.read.v1' as const;

export const ORUK_RESOURCES = [
  'root',
  'services',
  'service_at_locations',
  'taxonomies',
  'taxonomy_terms',
] as const;
export type OrukResource = (typeof ORUK_RESOURCES)[number];

export class DirectoryOrukReadV1 {
  @IsIn(ORUK_RESOURCES) resource!: OrukResource;
  @IsOptional() @Matches(DIRECTORY_ID) id?: string;
  /** The ORUK query parameters as received (strings), validated by the directory. */
  @IsOptional() @IsObject() query?: Record<string, string>;
}

export type DirectoryOrukReadResultV1 = Record<string, unknown>;
