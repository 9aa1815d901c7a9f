import { Module, type Provider, type Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import type { NatsConfig } from '@linkway/config';
import {
  CASEWORK_ONWARD_REFERRAL_STATUS_CHANGED_V1,
  INTAKE_HANDOFF_REQUESTED_V1,
  INTAKE_HANDOFF_UPDATED_V1,
  IntakeHandoffRequestedV1,
  IntakeHandoffUpdatedV1,
  INTAKE_REFERRAL_ACCEPTED_V1,
  OnwardReferralStatusChangedV1,
  ReferralAcceptedV1,
  STREAMS,
} from '@linkway/contracts';
import { InboxConsumer, type InboxConsumerOptions } from '@linkway/messaging';
import { NATS_CONNECTION } from '@linkway/platform';
import { CaseworkController } from './casework.controller';
import { CaseService } from './cases/case.service';
import { CaseViews } from './cases/case-views';
import { PlanService } from './cases/plan.service';
import { hubSettingsProvider } from './config/hub-settings';
import { AllocationQueueService } from './hub-manager/allocation-queue.service';
import { bullConnectionProvider } from './jobs/bull-connection';
import { ChaserProducer } from './jobs/chaser.producer';
import { ChaserReconciler } from './jobs/chaser.reconciler';
import { ChaserWorker } from './jobs/chaser.worker';
import { ExpireProcessor } from './jobs/expire.processor';
import { NudgeProcessor } from './jobs/nudge.processor';
import { ReservationCleanupProcessor } from './jobs/reservation-cleanup.processor';
import { OnwardService } from './onward/onward.service';
import { PathwayService } from './pathway/pathway.service';
import { PractitionerService } from './practitioners/practitioner.service';

/** Durable consumer names: never rename (a new name starts a new consumer from the stream's start). */
export const CONSUMERS = {
  referralAccepted: 'casework-referral-accepted',
  onwardChasers: 'casework-onward-chasers',
  handoffRequested: 'casework-handoff-requested',
  handoffUpdated: 'casework-handoff-updated',
} as const;

/**
 * A durable, inbox-deduped consumer of one subject of the hub's event stream, handled by a
 * method of `target` (a service of this module).
 */
function hubEventConsumer<T extends object, S>(
  token: string,
  target: Type<S>,
  spec: {
    name: string;
    filterSubject: string;
    payloadClass: new () => T;
    handler: (service: S) => InboxConsumerOptions<T>['handler'];
  },
): Provider {
  return {
    provide: token,
    inject: [DataSource, NATS_CONNECTION, target, ConfigService],
    useFactory: (dataSource: DataSource, nats: NatsConnection, service: S, config: ConfigService) =>
      new InboxConsumer<T>({
        name: spec.name,
        stream: STREAMS.HUB_EVENTS.name,
        filterSubject: spec.filterSubject,
        nats,
        jsDomain: config.getOrThrow<NatsConfig>('nats').NATS_JS_DOMAIN,
        dataSource,
        payloadClass: spec.payloadClass,
        handler: spec.handler(service),
      }),
  };
}

@Module({
  controllers: [CaseworkController],
  providers: [
    hubSettingsProvider,
    bullConnectionProvider,
    CaseViews,
    CaseService,
    PlanService,
    OnwardService,
    PathwayService,
    PractitionerService,
    AllocationQueueService,
    ChaserProducer,
    NudgeProcessor,
    ExpireProcessor,
    ReservationCleanupProcessor,
    ChaserWorker,
    ChaserReconciler,
    // intake accepted a referral: open and allocate a case (one per referral, inbox-deduped)
    hubEventConsumer('REFERRAL_ACCEPTED_CONSUMER', CaseService, {
      name: CONSUMERS.referralAccepted,
      filterSubject: INTAKE_REFERRAL_ACCEPTED_V1,
      payloadClass: ReferralAcceptedV1,
      handler:
        (cases) =>
        (event, { manager, messageId }) =>
          cases.openFromReferral(manager, event, messageId),
    }),
    // brokered model: intake handed the person to the housing partner; the case keeps the hand-off status
    hubEventConsumer('HANDOFF_REQUESTED_CONSUMER', CaseService, {
      name: CONSUMERS.handoffRequested,
      filterSubject: INTAKE_HANDOFF_REQUESTED_V1,
      payloadClass: IntakeHandoffRequestedV1,
      handler:
        (cases) =>
        (event, { manager, messageId }) =>
          cases.syncHandoff(manager, event.referralId, 'requested', messageId),
    }),
    hubEventConsumer('HANDOFF_UPDATED_CONSUMER', CaseService, {
      name: CONSUMERS.handoffUpdated,
      filterSubject: INTAKE_HANDOFF_UPDATED_V1,
      payloadClass: IntakeHandoffUpdatedV1,
      handler:
        (cases) =>
        (event, { manager, messageId }) =>
          cases.syncHandoff(manager, event.referralId, event.status, messageId),
    }),
    // casework's own "sent" events schedule the chasers: deterministic job ids make redelivery harmless
    hubEventConsumer('ONWARD_CHASER_CONSUMER', ChaserProducer, {
      name: CONSUMERS.onwardChasers,
      filterSubject: CASEWORK_ONWARD_REFERRAL_STATUS_CHANGED_V1,
      payloadClass: OnwardReferralStatusChangedV1,
      handler: (chasers) => (event) => chasers.schedule(event),
    }),
  ],
})
export class CaseworkModule {}
