import {
  CASEWORK_CASE_CLOSED_V1,
  CASEWORK_CASE_OPENED_V1,
  CASEWORK_CONTACT_RECORDED_V1,
  OUTCOMES_DUE_LIST_V1,
  OUTCOMES_RECORD_V1,
} from '@linkway/contracts';
import { RemoteError } from '@linkway/messaging';
import { waitUntil } from '@linkway/testing';
import { uuidv7 } from '@linkway/util';
import { caseClosed, caseOpened, contactRecorded } from '../test-fixtures/events';
import { type OutcomesStack, profileWith, startOutcomesStack } from '../test-fixtures/outcomes-stack';

/** One schedule "day": the six-week follow-up falls due 1 s after first contact, overdue 9 s after due. */
const DAY_MS = 100;

/** outcomes.due.list.v1 against the real service: what the caseload's "outcome due" flag comes from. */
describe(OUTCOMES_DUE_LIST_V1, () => {
  let stack: OutcomesStack;

  beforeAll(async () => {
    stack = await startOutcomesStack(
      'outcomes_due',
      profileWith('community_centre', {
        followUpDays: { six_week: 10, end_of_support: 300 },
        overdueAfterDays: 90,
      }),
      { OUTCOMES_DAY_MS: String(DAY_MS) },
    );
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  /** A case opened and, unless `contactAt` is null, first met at `contactAt`; waits until outcomes has it. */
  async function caseMet(contactAt: Date | null) {
    const opened = caseOpened();
    await stack.publish(CASEWORK_CASE_OPENED_V1, opened);
    if (contactAt)
      await stack.publish(
        CASEWORK_CONTACT_RECORDED_V1,
        contactRecorded(opened, { at: contactAt.toISOString() }),
      );
    await waitUntil(async () => {
      const table = contactAt ? 'outcome_due' : 'outcome_case';
      return (await stack.db.query(`SELECT 1 FROM ${table} WHERE case_id = $1`, [opened.caseId])).rowCount;
    });
    return opened;
  }

  it('answers the earliest due timepoint of each case in one request, overdue or not, and leaves the rest out', async () => {
    const metNow = await caseMet(new Date());
    const metLongAgo = await caseMet(new Date(Date.now() - 20_000));
    const neverMet = await caseMet(null);
    const closed = await caseMet(new Date(Date.now() - 20_000));
    await stack.publish(CASEWORK_CASE_CLOSED_V1, caseClosed(closed, { closureReason: 'moved_away' }));
    await waitUntil(
      async () =>
        (
          await stack.db.query(`SELECT 1 FROM outcome_due WHERE case_id = $1 AND status = 'cancelled'`, [
            closed.caseId,
          ])
        ).rowCount,
    );

    const ask = async () =>
      (
        await stack.requests.request(OUTCOMES_DUE_LIST_V1, {
          caseIds: [metNow.caseId, metLongAgo.caseId, neverMet.caseId, closed.caseId, uuidv7()],
        })
      ).items
        .map((i) => ({ caseId: i.caseId, timepoint: i.timepoint, overdue: i.overdue }))
        .sort((a, b) => a.caseId.localeCompare(b.caseId));

    expect(await ask()).toEqual(
      [
        { caseId: metNow.caseId, timepoint: 'baseline', overdue: false },
        { caseId: metLongAgo.caseId, timepoint: 'baseline', overdue: true },
      ].sort((a, b) => a.caseId.localeCompare(b.caseId)),
    );

    // the baseline recorded: the next pending timepoint whose date has passed is the six-week one
    await stack.requests.request(OUTCOMES_RECORD_V1, {
      actor: { accountId: 'lw-1', role: 'link_worker' },
      caseId: metLongAgo.caseId,
      timepoint: 'baseline',
      ons4: { lifeSatisfaction: 4, worthwhile: 5, happiness: 4, anxiety: 7 },
    });
    expect((await ask()).find((i) => i.caseId === metLongAgo.caseId)).toEqual({
      caseId: metLongAgo.caseId,
      timepoint: 'six_week',
      overdue: true,
    });
  }, 30_000);

  it('answers an empty list with nothing, and refuses ids that are not UUIDs naming the field', async () => {
    expect(await stack.requests.request(OUTCOMES_DUE_LIST_V1, { caseIds: [] })).toEqual({ items: [] });
    const refused = await stack.requests
      .request(OUTCOMES_DUE_LIST_V1, { caseIds: ['not-an-id'] })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RemoteError);
    expect((refused as RemoteError).code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify((refused as RemoteError).details)).toContain('caseIds');
  });
});
