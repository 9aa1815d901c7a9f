import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

/** A message that can never succeed: retrying it is pointless, it goes straight to dead letter. */
export class UnprocessableMessageError extends Error {
  override readonly name = 'UnprocessableMessageError';
}

const flattenErrors = (errors: ValidationError[], parent = ''): string[] =>
  errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((c) => `${path}: ${c}`);
    return [...own, ...flattenErrors(e.children ?? [], path)];
  });

/**
 * Parses a message body and, when a payload class is given, validates it with
 * class-validator (unknown properties rejected: a publisher sending fields we do not know
 * means the contracts drifted).
 */
export async function decodePayload<T extends object>(data: Uint8Array, cls?: new () => T): Promise<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch (error) {
    throw new UnprocessableMessageError(`payload is not JSON: ${(error as Error).message}`);
  }
  if (!cls) return parsed as T;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UnprocessableMessageError(`payload must be a JSON object for ${cls.name}`);
  }
  const instance = plainToInstance(cls, parsed);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    throw new UnprocessableMessageError(`payload failed ${cls.name} validation: ${flattenErrors(errors).join('; ')}`);
  }
  return instance;
}
