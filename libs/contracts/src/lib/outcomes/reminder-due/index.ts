import { IsIn, IsISO8601, IsOptional, IsString, IsUUID } from 'class-validator';
import { OUTCOME_TIMEPOINTS, type OutcomeTimepoint } from '../shared';

/**
 * Event: an outcome recording is due (or overdue) and not yet recorded; for the case's link
 * worker (casework or a notifier turns it into a task). At most one per case, timepoint and kind.
 */
export const OUTCOMES_REMINDER_V1 = 'evt.outcomes.reminder.v1' as const;

export class OutcomeReminderV1 {
  @IsUUID() caseId!: string;
  @IsUUID() personId!: string;
  @IsString() hubId!: string;
  @IsOptional() @IsString() practitionerId!: string | null;
  @IsIn(OUTCOME_TIMEPOINTS) timepoint!: OutcomeTimepoint;
  @IsIn(['due', 'overdue']) kind!: 'due' | 'overdue';
  @IsISO8601() dueAt!: string;
  @IsISO8601() occurredAt!: string;
}
