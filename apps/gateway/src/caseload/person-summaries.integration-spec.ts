import { randomUUID } from 'node:crypto';
import { INTAKE_PERSON_SUMMARIES_V1 } from '@linkway/contracts';
import { RemoteError, RequestClient } from '@linkway/messaging';
import {
  bearer,
  type IntakeStack,
  referralBody,
  startIntakeStack,
} from '../referrals/test-fixtures/intake-stack';

/** Whole years from 1 January 2000 to today in the UK. */
const ukYearsSince2000 = () =>
  Number(
    new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: 'Europe/London' }).format(new Date()),
  ) - 2000;

/**
 * intake.person.summaries.v1 against the real referral-intake (child process, private NATS):
 * what the caseload screen names people with.
 */
describe(INTAKE_PERSON_SUMMARIES_V1, () => {
  let stack: IntakeStack;
  let requests: RequestClient;

  beforeAll(async () => {
    stack = await startIntakeStack('gw-person-summaries', {});
    requests = new RequestClient(stack.nc, { NATS_REQUEST_TIMEOUT_MS: 10_000 });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  async function refer(
    person: Record<string, unknown>,
    overrides: Record<string, unknown> = {},
  ): Promise<string> {
    const response = await stack.gateway.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      payload: referralBody(overrides, person),
      headers: bearer(await stack.token('referrer')),
    });
    expect(response.statusCode).toBe(201);
    return (response.json() as { referral: { personId: string } }).referral.personId;
  }

  it('names many people in one request: display name, age today, postcode district only, safeguarding', async () => {
    const grace = await refer({
      givenName: 'Grace',
      familyName: 'Hopper',
      dateOfBirth: '2000-01-01',
      postcode: 'LS6 1AA',
    });
    const alan = await refer(
      {
        givenName: 'Alan',
        familyName: 'Turing',
        dateOfBirth: '2000-01-01',
        postcode: 'ls27 0bn',
      },
      { safeguarding: true },
    );
    const { items } = await requests.request(INTAKE_PERSON_SUMMARIES_V1, {
      personIds: [grace, alan, randomUUID(), grace],
    });
    expect(items.sort((a, b) => a.displayName.localeCompare(b.displayName))).toEqual([
      {
        personId: alan,
        displayName: 'Alan Turing',
        age: ukYearsSince2000(),
        postcodeDistrict: 'LS27',
        safeguarding: true,
      },
      {
        personId: grace,
        displayName: 'Grace Hopper',
        age: ukYearsSince2000(),
        postcodeDistrict: 'LS6',
        safeguarding: false,
      },
    ]);
  });

  it('answers an empty list with no people, and refuses ids that are not UUIDs', async () => {
    expect(await requests.request(INTAKE_PERSON_SUMMARIES_V1, { personIds: [] })).toEqual({ items: [] });
    const refused = await requests
      .request(INTAKE_PERSON_SUMMARIES_V1, { personIds: ['not-an-id'] })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RemoteError);
    expect((refused as RemoteError).code).toBe('VALIDATION_FAILED');
  });
});
