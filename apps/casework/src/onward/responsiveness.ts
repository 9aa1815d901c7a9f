import type { EntityManager } from 'typeorm';
import type { ServiceResponsivenessV1 } from '@linkway/contracts';

const DAY_SECONDS = 86_400;

/** One row of the aggregate: counts per partner service, as Postgres returns them. */
export interface ResponsivenessRow {
  partner_organisation_id: string;
  directory_service_id: string;
  service_name: string;
  sent: number;
  answered: number;
  answered_within_nudge: number;
  declined: number;
  waiting: number;
  expired: number;
  cancelled_unanswered: number;
  /** Referrals that had their chance: answered, or their nudge window has passed (cancelled ones excluded). */
  due: number;
  median_days: number | null;
}

/**
 * Every figure in one pass over the window's onward referrals, grouped by service (each
 * service belongs to one partner organisation). `first_answer_at` is set once, by the first
 * accept or decline, so later moves (started, completed) do not change responsiveness.
 */
const RESPONSIVENESS_SQL = `
  SELECT partner_organisation_id, directory_service_id,
         (array_agg(service_name ORDER BY sent_at DESC))[1] AS service_name,
         count(*)::int AS sent,
         count(first_answer_at)::int AS answered,
         count(*) FILTER (WHERE first_answer_at <= sent_at + make_interval(secs => $2::double precision))::int AS answered_within_nudge,
         count(*) FILTER (WHERE status = 'declined')::int AS declined,
         count(*) FILTER (WHERE status = 'sent')::int AS waiting,
         count(*) FILTER (WHERE status = 'expired')::int AS expired,
         count(*) FILTER (WHERE status = 'cancelled' AND first_answer_at IS NULL)::int AS cancelled_unanswered,
         count(*) FILTER (WHERE first_answer_at IS NOT NULL
                            OR (status <> 'cancelled' AND sent_at <= $3::timestamptz - make_interval(secs => $2::double precision)))::int AS due,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_answer_at - sent_at) / ${DAY_SECONDS})
           AS median_days
    FROM onward_referral
   WHERE sent_at >= $1::timestamptz
   GROUP BY partner_organisation_id, directory_service_id
   ORDER BY partner_organisation_id, directory_service_id`;

export async function responsivenessRows(
  m: EntityManager,
  window: { from: Date; now: Date; nudgeAfterSeconds: number },
): Promise<ResponsivenessRow[]> {
  return m.query(RESPONSIVENESS_SQL, [window.from, window.nudgeAfterSeconds, window.now]);
}

const rate = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;

/** The report's view of one row: rates over what they can fairly be measured against. */
export function toServiceResponsiveness(row: ResponsivenessRow): ServiceResponsivenessV1 {
  return {
    partnerOrganisationId: row.partner_organisation_id,
    directoryServiceId: row.directory_service_id,
    serviceName: row.service_name,
    sent: row.sent,
    answered: row.answered,
    answeredWithinNudge: row.answered_within_nudge,
    declined: row.declined,
    waiting: row.waiting,
    expired: row.expired,
    cancelledUnanswered: row.cancelled_unanswered,
    medianDaysToFirstAnswer: row.median_days === null ? null : Math.round(Number(row.median_days) * 10) / 10,
    answeredWithinNudgeRate: rate(row.answered_within_nudge, row.due),
    declinedRate: rate(row.declined, row.answered),
  };
}
