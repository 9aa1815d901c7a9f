import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type ErrorDetail, ValidationFailedError } from '@linkway/util';
import { cacheValidationMetadata } from './validation-metadata-cache';

/** One detail per broken rule, with the field's dotted path (`address.postcode`, `items.0.code`). */
export function validationDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...validationDetails(error.children ?? [], field)];
  });
}

/**
 * Unknown fields are refused, not dropped silently (a typo in a field name must not pass),
 * and every failure reaches the caller as a ValidationFailedError naming each field.
 */
export const createValidationPipe = () => {
  cacheValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new ValidationFailedError('Request validation failed', validationDetails(errors)),
  });
};
