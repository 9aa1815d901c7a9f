import type { EntityManager } from 'typeorm';
import type { CaseworkActorV1 } from '@linkway/contracts';
import { ForbiddenError, NotFoundError } from '@linkway/util';

/** Hub staff who see every case of the hub. */
export const MANAGERS = ['hub_manager', 'admin'];

export interface CaseRow {
  id: string;
  referral_id: string;
  person_id: string;
  queue: string;
  practitioner_id: string | null;
  state: string;
  closure_reason: string | null;
  referrer_type: string;
  needs: string[];
  home_screen: string[];
  integration_model: string;
  safeguarding: boolean;
  opened_at: Date;
  first_contact_at: Date | null;
  plan_agreed_at: Date | null;
  closed_at: Date | null;
  practitioner_seen_at: Date | null;
}

export function requireRole(actor: CaseworkActorV1, roles: readonly string[]): void {
  if (!roles.includes(actor.role))
    throw new ForbiddenError(`This needs one of the roles ${roles.join(', ')}`);
}

/** The practitioner record of a link worker's account, or null. */
export async function practitionerIdOf(m: EntityManager, accountId: string): Promise<string | null> {
  const rows: Array<{ id: string }> = await m.query(`SELECT id FROM practitioner WHERE account_id = $1`, [
    accountId,
  ]);
  return rows[0]?.id ?? null;
}

/**
 * A case the actor may work on: hub managers any case of the hub; a link worker only a case
 * allocated to them. Anything else is "not found", so an id discloses nothing.
 */
export async function caseFor(
  m: EntityManager,
  actor: CaseworkActorV1,
  caseId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<CaseRow> {
  requireRole(actor, ['link_worker', ...MANAGERS]);
  const rows: CaseRow[] = await m.query(
    `SELECT * FROM person_case WHERE id = $1 ${opts.forUpdate ? 'FOR UPDATE' : ''}`,
    [caseId],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('Case', caseId);
  if (!MANAGERS.includes(actor.role)) {
    const mine = await practitionerIdOf(m, actor.accountId);
    if (!mine || row.practitioner_id !== mine) throw new NotFoundError('Case', caseId);
  }
  return row;
}

export const iso = (d: Date | string | null): string | null =>
  d === null ? null : new Date(d).toISOString();
export const isoDate = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
