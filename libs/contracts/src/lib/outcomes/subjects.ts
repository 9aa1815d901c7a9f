import type { GetOutcomesDashboardV1, OutcomesDashboardV1 } from './dashboard';
import type { GetGpMessageV1, GpMessageV1 } from './gp-message-get';
import type { DueOutcomesV1, ListDueOutcomesV1 } from './due-list';
import type { GpMessageReadyV1 } from './gp-message-ready';
import type { OutcomeRecordedV1 } from './outcome-recorded';
import type { GetPersonOutcomesV1, PersonOutcomesV1 } from './person-history';
import type { OutcomeRecordingV1, RecordOutcomesV1 } from './record-outcomes';
import type { OutcomeReminderV1 } from './reminder-due';
import type { BuildSnapshotV1, SnapshotBuiltV1 } from './snapshot-build';

/** Outcomes' request/reply subjects, merged into RequestMap (subject-map.ts). */
export interface OutcomesRequests {
  'outcomes.recording.record.v1': { request: RecordOutcomesV1; response: OutcomeRecordingV1 };
  'outcomes.person.history.v1': { request: GetPersonOutcomesV1; response: PersonOutcomesV1 };
  'outcomes.dashboard.get.v1': { request: GetOutcomesDashboardV1; response: OutcomesDashboardV1 };
  'outcomes.gp_message.get.v1': { request: GetGpMessageV1; response: GpMessageV1 };
  'outcomes.snapshot.build.v1': { request: BuildSnapshotV1; response: SnapshotBuiltV1 };
  'outcomes.due.list.v1': { request: ListDueOutcomesV1; response: DueOutcomesV1 };
}

/** Outcomes' domain events, merged into EventMap (subject-map.ts). */
export interface OutcomesEvents {
  'evt.outcomes.outcome.recorded.v1': OutcomeRecordedV1;
  'evt.outcomes.reminder.v1': OutcomeReminderV1;
  'evt.outcomes.gp_message.ready.v1': GpMessageReadyV1;
}
