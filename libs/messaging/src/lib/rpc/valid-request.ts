import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { ValidationFailedError } from '@linkway/util';

export interface ValidRequestOptions {
  /** Refuse properties the contract does not name, instead of dropping them. */
  forbidUnknown?: boolean;
}

const fieldErrors = (errors: ValidationError[], prefix = ''): Array<{ field: string; reason: string }> =>
  errors.flatMap((e) => [
    ...(e.constraints
      ? [{ field: `${prefix}${e.property}`, reason: Object.values(e.constraints).join('; ') }]
      : []),
    ...fieldErrors(e.children ?? [], `${prefix}${e.property}.`),
  ]);

/**
 * Checks a request/reply payload against its contract class. A bad one is a
 * VALIDATION_FAILED naming each field by its path (`goals.0.targetDate`), which the gateway
 * answers as a 400 with those details.
 */
export function validRequest<T extends object>(
  cls: new () => T,
  payload: unknown,
  opts: ValidRequestOptions = {},
): T {
  const instance = plainToInstance(cls, payload);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: opts.forbidUnknown ?? false,
  });
  if (errors.length) throw new ValidationFailedError('Request validation failed', fieldErrors(errors));
  return instance;
}
