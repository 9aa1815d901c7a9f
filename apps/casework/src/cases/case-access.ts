import type { EntityManager } from 'typeorm';
import type { CaseAccessV1, CaseworkActorV1, CheckCaseAccessV1 } from '@linkway/contracts';
import { NotFoundError, ValidationFailedError } from '@linkway/util';
import { caseFor, MANAGERS, practitionerIdOf, requireRole } from './access';

const KEYS = ['caseId', 'personId', 'referralId'] as const;
type AccessKey = (typeof KEYS)[number];

/** The one id asked about; anything but exactly one is a 400 naming the fields. */
export function accessKeyOf(request: Pick<CheckCaseAccessV1, AccessKey>): { key: AccessKey; id: string } {
  const given = KEYS.filter((k) => request[k] !== undefined);
  if (given.length !== 1) {
    const reason = 'Give exactly one of caseId, personId, referralId';
    const fields = given.length ? given : KEYS;
    throw new ValidationFailedError(reason, fields.map((field) => ({ field, reason })));
  }
  const key = given[0];
  return { key, id: request[key] as string };
}

/**
 * Casework's rule (see caseFor) over several cases at once: hub managers every case, a link
 * worker only those allocated to their practitioner record (none without one).
 */
export function visibleCases(
  actor: Pick<CaseworkActorV1, 'role'>,
  myPractitionerId: string | null,
  cases: ReadonlyArray<{ id: string; practitioner_id: string | null }>,
): CaseAccessV1 {
  if (MANAGERS.includes(actor.role)) return { allCases: true, caseIds: cases.map((c) => c.id) };
  const mine = myPractitionerId === null ? [] : cases.filter((c) => c.practitioner_id === myPractitionerId);
  return { allCases: false, caseIds: mine.map((c) => c.id) };
}

const NOT_FOUND_ENTITY: Record<AccessKey, string> = { caseId: 'Case', personId: 'Person', referralId: 'Referral' };

/**
 * casework.case.access.v1: the cases of one case, person or referral the actor may work on.
 * A link worker with none of them gets NOT_FOUND, as for someone else's case, so an id discloses
 * nothing; a hub manager is answered even when casework holds no case (the asker then finds none).
 */
export async function caseAccess(m: EntityManager, request: CheckCaseAccessV1): Promise<CaseAccessV1> {
  const { key, id } = accessKeyOf(request);
  requireRole(request.actor, ['link_worker', ...MANAGERS]);
  if (key === 'caseId') {
    const row = await caseFor(m, request.actor, id);
    return { allCases: MANAGERS.includes(request.actor.role), caseIds: [row.id] };
  }
  const column = key === 'personId' ? 'person_id' : 'referral_id';
  const cases: Array<{ id: string; practitioner_id: string | null }> = await m.query(
    `SELECT id, practitioner_id FROM person_case WHERE ${column} = $1 ORDER BY opened_at, id`,
    [id],
  );
  const mine = MANAGERS.includes(request.actor.role) ? null : await practitionerIdOf(m, request.actor.accountId);
  const access = visibleCases(request.actor, mine, cases);
  if (!access.allCases && access.caseIds.length === 0) throw new NotFoundError(NOT_FOUND_ENTITY[key], id);
  return access;
}
