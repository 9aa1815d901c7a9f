import { type ResponsivenessRow, toServiceResponsiveness } from './responsiveness';

const row = (overrides: Partial<ResponsivenessRow> = {}): ResponsivenessRow => ({
  partner_organisation_id: 'org-1',
  directory_service_id: 'svc-1',
  service_name: 'Befriending',
  sent: 6,
  answered: 3,
  answered_within_nudge: 2,
  declined: 1,
  waiting: 1,
  expired: 1,
  cancelled_unanswered: 1,
  due: 4,
  median_days: 2.04,
  ...overrides,
});

describe(toServiceResponsiveness.name, () => {
  it('rates answers in time against the referrals that were due, and declines against the answers', () => {
    expect(toServiceResponsiveness(row())).toMatchObject({
      sent: 6,
      answeredWithinNudgeRate: 0.5,
      declinedRate: 0.3333,
      medianDaysToFirstAnswer: 2,
    });
  });

  it('has no rates and no median when nothing was due or answered', () => {
    expect(
      toServiceResponsiveness(
        row({ answered: 0, answered_within_nudge: 0, declined: 0, due: 0, median_days: null }),
      ),
    ).toMatchObject({ answeredWithinNudgeRate: null, declinedRate: null, medianDaysToFirstAnswer: null });
  });

  it('reads a median Postgres returned as text (numeric) to one decimal', () => {
    expect(
      toServiceResponsiveness(row({ median_days: '0.4583' as unknown as number })).medianDaysToFirstAnswer,
    ).toBe(0.5);
  });
});
