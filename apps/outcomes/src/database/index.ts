import { Outcomes1790000600000 } from './migrations/1790000600000-outcomes';
import { OutcomePairs1790000600100 } from './migrations/1790000600100-outcome-pairs';
import { DashboardIndexes1790000600200 } from './migrations/1790000600200-dashboard-indexes';
import { CaseNeedsGin1790000600300 } from './migrations/1790000600300-case-needs-gin';

/** The outcomes service's own schema; no other service reads or writes it. */
export const SCHEMA = 'outcomes';

/**
 * No entity classes: the service works in a few hand-written statements (aggregates over a
 * million rows are SQL's job), like referral-intake.
 */
export const entities = [];

export const migrations = [
  Outcomes1790000600000,
  OutcomePairs1790000600100,
  DashboardIndexes1790000600200,
  CaseNeedsGin1790000600300,
];
