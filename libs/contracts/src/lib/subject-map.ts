import type { HubSnapshotV1 } from './federation/hub-snapshot';
import type { ServiceName, SystemPingV1, SystemPongV1 } from './system/ping';
import type { DirectoryRequests } from './directory';
import type { IntakeEvents, IntakeRequests } from './intake/subjects';
import type { PersonSummaryRequests } from './intake/person-summaries';
import type { CaseworkEvents, CaseworkRequests } from './casework/subjects';
import type { OutcomesEvents, OutcomesRequests } from './outcomes/subjects';

/**
 * Request/reply subjects: what is sent and what comes back. A sender and its handler both
 * type against this map, so they cannot drift apart. Add one entry per request subject.
 */
type PingRequests = {
  [S in ServiceName as `sys.ping.v1.${S}`]: { request: SystemPingV1; response: SystemPongV1 };
};

// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface RequestMap
  extends
    PingRequests,
    IntakeRequests,
    DirectoryRequests,
    CaseworkRequests,
    OutcomesRequests,
    PersonSummaryRequests {}

/**
 * Domain events (JetStream, through the outbox): subject to payload. Every event is a fact
 * that must not be lost, so it is never sent with core NATS `emit`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface EventMap extends IntakeEvents, CaseworkEvents, OutcomesEvents {
  [subject: `fed.snapshot.${string}`]: HubSnapshotV1; // federation: fed.snapshot.<hubId>
}

export type RequestSubject = keyof RequestMap & string;
export type RequestOf<S extends RequestSubject> = RequestMap[S]['request'];
export type ResponseOf<S extends RequestSubject> = RequestMap[S]['response'];
export type EventSubject = keyof EventMap & string;
export type EventOf<S extends EventSubject> = EventMap[S];
