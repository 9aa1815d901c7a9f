import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { type ErrorDetail, ValidationFailedError } from '@linkway/util';
import type { DirectoryConfig } from '../config/directory.config';

/** What the directory's services read from config; a plain object so the CLI can build one too. */
export interface DirectorySettings {
  staleAfterDays: number;
  postcodesFile: string;
}

export const DIRECTORY_SETTINGS = Symbol('DIRECTORY_SETTINGS');

export const SAMPLE_POSTCODES_FILE = join(__dirname, '..', 'data', 'postcodes-sample.csv');

export const settingsFrom = (c: DirectoryConfig): DirectorySettings => ({
  staleAfterDays: c.DIRECTORY_STALE_AFTER_DAYS,
  postcodesFile: c.DIRECTORY_POSTCODES_FILE || SAMPLE_POSTCODES_FILE,
});

const details = (errors: Awaited<ReturnType<typeof validate>>, parent = ''): ErrorDetail[] =>
  errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    return [
      ...Object.values(e.constraints ?? {}).map((reason) => ({ field, reason })),
      ...details(e.children ?? [], field),
    ];
  });

/**
 * Validates a request/reply payload against its contract class (unknown fields refused), so a
 * bad request is a VALIDATION_FAILED naming each field, which the gateway maps to 400.
 */
export async function parsePayload<T extends object>(cls: new () => T, payload: unknown): Promise<T> {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload))
    throw new ValidationFailedError(`${cls.name} must be an object`);
  const instance = plainToInstance(cls, payload);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new ValidationFailedError(`${cls.name} is invalid`, details(errors));
  return instance;
}
