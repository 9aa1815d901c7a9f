import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  BuildSnapshotV1,
  GetGpMessageV1,
  GetOutcomesDashboardV1,
  GetPersonOutcomesV1,
  type GpMessageV1,
  OUTCOMES_DASHBOARD_V1,
  OUTCOMES_GP_MESSAGE_GET_V1,
  OUTCOMES_PERSON_HISTORY_V1,
  OUTCOMES_RECORD_V1,
  OUTCOMES_SNAPSHOT_BUILD_V1,
  type OutcomeRecordingV1,
  type OutcomesDashboardV1,
  type PersonOutcomesV1,
  RecordOutcomesV1,
  type SnapshotBuiltV1,
} from '@linkway/contracts';
import { DomainRpcExceptionFilter, validRequest } from '@linkway/messaging';
import { DashboardService } from './dashboard/dashboard.service';
import { GpMessageService } from './gp-message/gp-message.service';
import { MeasuresService } from './measures/measures.service';
import { SnapshotService } from './snapshots/snapshot.service';

const valid = <T extends object>(cls: new () => T, payload: unknown): T =>
  validRequest(cls, payload, { forbidUnknown: true });

/** Outcomes' request/reply subjects: validate, delegate, nothing else. */
@Controller()
@UseFilters(new DomainRpcExceptionFilter())
export class OutcomesController {
  constructor(
    private readonly measures: MeasuresService,
    private readonly dashboard: DashboardService,
    private readonly gpMessages: GpMessageService,
    private readonly snapshots: SnapshotService,
  ) {}

  @MessagePattern(OUTCOMES_RECORD_V1)
  record(@Payload() payload: unknown): Promise<OutcomeRecordingV1> {
    return this.measures.record(valid(RecordOutcomesV1, payload));
  }

  @MessagePattern(OUTCOMES_PERSON_HISTORY_V1)
  history(@Payload() payload: unknown): Promise<PersonOutcomesV1> {
    return this.measures.history(valid(GetPersonOutcomesV1, payload));
  }

  @MessagePattern(OUTCOMES_DASHBOARD_V1)
  getDashboard(@Payload() payload: unknown): Promise<OutcomesDashboardV1> {
    return this.dashboard.get(valid(GetOutcomesDashboardV1, payload));
  }

  @MessagePattern(OUTCOMES_GP_MESSAGE_GET_V1)
  gpMessage(@Payload() payload: unknown): Promise<GpMessageV1> {
    return this.gpMessages.getByReferral(valid(GetGpMessageV1, payload).referralId);
  }

  @MessagePattern(OUTCOMES_SNAPSHOT_BUILD_V1)
  buildSnapshot(@Payload() payload: unknown): Promise<SnapshotBuiltV1> {
    const request = valid(BuildSnapshotV1, payload);
    return this.snapshots.buildKey(request.kind, request.key);
  }
}
