import { CreateReferralV1 } from '@linkway/contracts';
import { validRequest } from '@linkway/messaging';
import { createCommand } from './create-command';

const good = {
  actor: { accountId: 'a1', role: 'referrer' },
  channel: 'api',
  idempotencyKey: 'api:a1:k1',
  referral: { referrerType: 'gp_practice', person: { givenName: 'Ada' } },
};

/** What the contract's decorators answer: the command, or the details of the refusal. */
const outcome = (check: (payload: unknown) => unknown, payload: unknown) => {
  try {
    return { value: JSON.parse(JSON.stringify(check(payload))) as unknown };
  } catch (error) {
    return { refused: (error as { details?: unknown }).details };
  }
};

describe(createCommand.name, () => {
  const cases: Array<[string, unknown]> = [
    ['a good command', good],
    ['one without a key', { ...good, idempotencyKey: undefined }],
    ['one with a field the contract does not name', { ...good, extra: 1 }],
    ['a missing actor', { ...good, actor: undefined }],
    ['an actor that is a list', { ...good, actor: ['referrer'] }],
    ['an unknown channel', { ...good, channel: 'fax' }],
    ['a key that is a number', { ...good, idempotencyKey: 42 }],
    ['a key of 301 characters', { ...good, idempotencyKey: 'k'.repeat(301) }],
    ['a key of 300 characters', { ...good, idempotencyKey: 'k'.repeat(300) }],
    ['a referral that is text', { ...good, referral: 'referral' }],
    ['a referral that is null', { ...good, referral: null }],
    ['everything wrong at once', { actor: 1, channel: null, idempotencyKey: [], referral: [] }],
  ];

  it.each(cases)('answers %s exactly as the contract CreateReferralV1 does', (_name, payload) => {
    const expected = outcome((p) => validRequest(CreateReferralV1, p), payload);
    expect(outcome(createCommand, payload)).toEqual(expected);
  });

  it('names the missing fields of a payload that is not an object (where class-validator names none)', () => {
    expect(outcome(createCommand, 'create')).toEqual({
      refused: [
        { field: 'actor', reason: 'actor must be an object' },
        { field: 'channel', reason: expect.stringContaining('must be one of') },
        { field: 'referral', reason: 'referral must be an object' },
      ],
    });
  });

  it('refuses a bad command naming each field', () => {
    expect(outcome(createCommand, { ...good, channel: 'fax', referral: 'x' })).toEqual({
      refused: [
        { field: 'channel', reason: expect.stringContaining('api, self, fhir, import') },
        { field: 'referral', reason: 'referral must be an object' },
      ],
    });
  });
});
