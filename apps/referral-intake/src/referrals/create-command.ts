import { type CreateReferralV1, REFERRAL_CHANNELS } from '@linkway/contracts';
import { type ErrorDetail, ValidationFailedError } from '@linkway/util';

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The create subject's payload checked as CreateReferralV1's decorators check it (same rules,
 * same messages: see the spec), written out because this subject carries every live referral
 * and class-transformer's deep copy with class-validator cost a tenth of intake's CPU on it.
 * The referral inside is checked by checkReferral, its form first, when it is prepared.
 */
export function createCommand(payload: unknown): CreateReferralV1 {
  const p = (isObject(payload) ? payload : {}) as Record<string, unknown>;
  const errors: ErrorDetail[] = [];
  if (!isObject(p.actor)) errors.push({ field: 'actor', reason: 'actor must be an object' });
  if (!(REFERRAL_CHANNELS as readonly unknown[]).includes(p.channel))
    errors.push({
      field: 'channel',
      reason: `channel must be one of the following values: ${REFERRAL_CHANNELS.join(', ')}`,
    });
  const key = p.idempotencyKey;
  if (key !== undefined && key !== null) {
    if (typeof key !== 'string')
      errors.push({
        field: 'idempotencyKey',
        reason:
          'idempotencyKey must be shorter than or equal to 300 characters; idempotencyKey must be a string',
      });
    else if (key.length > 300)
      errors.push({
        field: 'idempotencyKey',
        reason: 'idempotencyKey must be shorter than or equal to 300 characters',
      });
  }
  if (!isObject(p.referral)) errors.push({ field: 'referral', reason: 'referral must be an object' });
  if (errors.length) throw new ValidationFailedError('Request validation failed', errors);
  // as the contract's whitelist does: only the command's own fields go on
  const command = { actor: p.actor, channel: p.channel, referral: p.referral } as CreateReferralV1;
  if (key !== undefined) command.idempotencyKey = key as string;
  return command;
}
