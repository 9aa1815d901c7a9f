import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';
import type { OutcomeTimepoint } from '../shared';

/**
 * Request/reply: of the given cases, those with an outcome recording due or overdue now, so a
 * caseload page learns every "outcome due" flag in one request. The caller has already scoped the
 * ids to what its actor may see (the gateway passes only the case ids casework listed for them);
 * the outcomes service holds only its own hub's cases, so other ids are simply absent.
 */
export const OUTCOMES_DUE_LIST_V1 = 'outcomes.due.list.v1' as const;

/** Most case ids asked for at once: casework's case list answers at most 500. */
export const OUTCOMES_DUE_LIST_MAX = 500;

export class ListDueOutcomesV1 {
  @IsArray()
  @ArrayMaxSize(OUTCOMES_DUE_LIST_MAX)
  @IsUUID('all', { each: true })
  caseIds!: string[];
}

/** The earliest pending timepoint of a case whose due date has passed. */
export interface DueOutcomeV1 {
  caseId: string;
  timepoint: OutcomeTimepoint;
  dueAt: string;
  overdueAt: string;
  /** The overdue date has passed too. */
  overdue: boolean;
}

export interface DueOutcomesV1 {
  /** One per case with something due; cases with nothing due (or unknown) are left out. */
  items: DueOutcomeV1[];
}
