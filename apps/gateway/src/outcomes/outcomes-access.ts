import type { CaseAccessV1 } from '@linkway/contracts';
import type { Role } from '../auth/roles';

/**
 * Who decides whether the caller may see a referral's GP message: intake for a referrer (only
 * the referrals they made), casework for hub staff (a link worker only the referral of a case
 * allocated to them).
 */
export const gpMessageGatekeeper = (role: Role): 'intake' | 'casework' =>
  role === 'referrer' ? 'intake' : 'casework';

/** The cases a person's outcome history is narrowed to: none for staff who see every case. */
export const historyCaseIds = (access: CaseAccessV1): string[] | undefined =>
  access.allCases ? undefined : access.caseIds;
