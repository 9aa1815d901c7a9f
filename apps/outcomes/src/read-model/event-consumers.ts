import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { NatsConnection } from 'nats';
import { DataSource, type EntityManager } from 'typeorm';
import type { NatsConfig } from '@linkway/config';
import {
  CASEWORK_CASE_CLOSED_V1,
  CASEWORK_CASE_OPENED_V1,
  CASEWORK_CONTACT_RECORDED_V1,
  CASEWORK_ONWARD_REFERRAL_STATUS_CHANGED_V1,
  CASEWORK_PARTNER_FEEDBACK_RECEIVED_V1,
  CASEWORK_PATHWAY_STEP_RECORDED_V1,
  CaseClosedV1,
  CaseOpenedV1,
  ContactRecordedV1,
  OnwardReferralStatusChangedV1,
  PartnerFeedbackReceivedV1,
  PathwayStepRecordedV1,
  ReferralEventV1,
  STREAMS,
} from '@linkway/contracts';
import { InboxConsumer } from '@linkway/messaging';
import { NATS_CONNECTION } from '@linkway/platform';
import type { AfterCommit } from '../schedule/schedule.service';
import { ReadModelService } from './read-model.service';

/** Refuses a payload that does not match its contract; the consumer dead-letters it after retries. */
function valid<T extends object>(cls: new () => T, payload: unknown, subject: string): T {
  const instance = plainToInstance(cls, payload);
  const errors = validateSync(instance, { whitelist: true });
  if (errors.length)
    throw new Error(`${subject}: invalid payload (${errors.map((e) => e.property).join(', ')})`);
  return instance;
}

type Handler = (
  manager: EntityManager,
  payload: unknown,
  subject: string,
  after: AfterCommit,
) => Promise<void>;

/**
 * Two durable consumers, each over a whole area so events of one case are applied in stream
 * order (a contact is never applied before its case opened): `outcomes-intake` on intake's
 * referral events and `outcomes-casework` on casework's. Subjects we do not need are acked.
 */
@Injectable()
export class OutcomesEventConsumers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutcomesEventConsumers.name);
  private readonly consumers: InboxConsumer<Record<string, unknown>>[];
  /** Redis work of a message, run after its inbox transaction committed (jobs must see their rows). */
  private readonly afterCommit = new Map<string, AfterCommit>();

  constructor(
    dataSource: DataSource,
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    config: ConfigService,
    private readonly readModel: ReadModelService,
  ) {
    const jsDomain = config.getOrThrow<NatsConfig>('nats').NATS_JS_DOMAIN || undefined;
    const intake: Record<string, Handler> = Object.fromEntries(
      (['received', 'accepted', 'declined', 'signposted'] as const).map((status) => [
        `evt.intake.referral.${status}.v1`,
        (m: EntityManager, p: unknown, s: string) =>
          this.readModel.referral(m, valid(ReferralEventV1, p, s), status),
      ]),
    );
    const casework: Record<string, Handler> = {
      [CASEWORK_CASE_OPENED_V1]: (m, p, s) => this.readModel.caseOpened(m, valid(CaseOpenedV1, p, s)),
      [CASEWORK_CONTACT_RECORDED_V1]: (m, p, s, a) =>
        this.readModel.contactRecorded(m, valid(ContactRecordedV1, p, s), a),
      [CASEWORK_ONWARD_REFERRAL_STATUS_CHANGED_V1]: (m, p, s) =>
        this.readModel.onwardReferral(m, valid(OnwardReferralStatusChangedV1, p, s)),
      [CASEWORK_PARTNER_FEEDBACK_RECEIVED_V1]: (m, p, s) =>
        this.readModel.partnerFeedback(m, valid(PartnerFeedbackReceivedV1, p, s)),
      [CASEWORK_PATHWAY_STEP_RECORDED_V1]: (m, p, s) =>
        this.readModel.pathwayStep(m, valid(PathwayStepRecordedV1, p, s)),
      [CASEWORK_CASE_CLOSED_V1]: (m, p, s, a) => this.readModel.caseClosed(m, valid(CaseClosedV1, p, s), a),
    };
    const consumer = (name: string, filterSubject: string, handlers: Record<string, Handler>) =>
      new InboxConsumer<Record<string, unknown>>({
        name,
        stream: STREAMS.HUB_EVENTS.name,
        filterSubject,
        nats,
        jsDomain,
        dataSource,
        handler: async (payload, ctx) => {
          const handle = handlers[ctx.subject];
          if (!handle) return; // not an event outcomes needs: acked, recorded in the inbox
          const started = Date.now();
          const after: AfterCommit = [];
          // kept until the inbox transaction commits; a failed attempt leaves nothing behind
          this.afterCommit.set(ctx.messageId, after);
          try {
            await handle(ctx.manager, payload, ctx.subject, after);
          } catch (error) {
            this.afterCommit.delete(ctx.messageId);
            throw error;
          }
          this.logger.debug({
            msg: 'event applied',
            subject: ctx.subject,
            messageId: ctx.messageId,
            ms: Date.now() - started,
          });
        },
        afterCommit: async (ctx) => {
          const after = this.afterCommit.get(ctx.messageId) ?? [];
          this.afterCommit.delete(ctx.messageId);
          // Redis down: the rows are committed, and the re-scheduling at start adds the jobs
          for (const work of after) {
            await work().catch((error: Error) =>
              this.logger.error({
                msg: 'after-commit work failed',
                messageId: ctx.messageId,
                error: error.message,
              }),
            );
          }
        },
      });
    this.consumers = [
      consumer('outcomes-intake', 'evt.intake.referral.>', intake),
      consumer('outcomes-casework', 'evt.casework.>', casework),
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const c of this.consumers) await c.start();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const c of this.consumers) await c.stop();
  }
}
