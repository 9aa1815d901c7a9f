import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import {
  AddTrainingV1,
  AllocateCaseV1,
  type CaseAccessV1,
  CheckCaseAccessV1,
  CASEWORK_ALLOCATION_QUEUE_V1,
  CASEWORK_CASE_ACCESS_V1,
  CompleteTaskV1,
  CASEWORK_CASE_ALLOCATE_V1,
  CASEWORK_CASE_GET_V1,
  CASEWORK_CASE_LIST_V1,
  CASEWORK_CASE_TRANSITION_V1,
  CASEWORK_CONTACT_RECORD_V1,
  CASEWORK_ONWARD_REFERRAL_CREATE_V1,
  CASEWORK_ONWARD_REFERRAL_UPDATE_V1,
  CASEWORK_PARTNER_REFERRAL_LIST_V1,
  CASEWORK_PATHWAY_HANDOFF_V1,
  CASEWORK_PATHWAY_METRICS_V1,
  CASEWORK_PARTNER_RESPONSIVENESS_V1,
  CASEWORK_PATHWAY_STEP_V1,
  CASEWORK_PLAN_HISTORY_V1,
  CASEWORK_PLAN_SAVE_V1,
  CASEWORK_PRACTITIONER_LIST_V1,
  CASEWORK_PRACTITIONER_PAIR_V1,
  CASEWORK_PRACTITIONER_SAVE_V1,
  CASEWORK_PRACTITIONER_TRAINING_V1,
  CASEWORK_SCHEME_LIST_V1,
  CASEWORK_SUPERVISION_RECORD_V1,
  CASEWORK_TASK_COMPLETE_V1,
  CASEWORK_WHAT_MATTERS_SAVE_V1,
  CreateOnwardReferralV1,
  GetCaseV1,
  GetPartnerResponsivenessV1,
  GetPathwayMetricsV1,
  GetPlanHistoryV1,
  ListAllocationQueueV1,
  ListCasesV1,
  ListPartnerReferralsV1,
  ListPractitionersV1,
  ListSchemesV1,
  PairPractitionerV1,
  RecordContactV1,
  RecordPathwayStepV1,
  RecordSupervisionV1,
  SavePlanV1,
  SavePractitionerV1,
  SaveWhatMattersV1,
  TransitionCaseV1,
  UpdateOnwardReferralV1,
  UpdatePathwayHandoffV1,
} from '@linkway/contracts';
import { DomainRpcExceptionFilter, validRequest } from '@linkway/messaging';
import { caseAccess } from './cases/case-access';
import { CaseService } from './cases/case.service';
import { PlanService } from './cases/plan.service';
import { AllocationQueueService } from './hub-manager/allocation-queue.service';
import { OnwardService } from './onward/onward.service';
import { PathwayService } from './pathway/pathway.service';
import { PractitionerService } from './practitioners/practitioner.service';

const valid = validRequest;

/** Casework's request/reply subjects: validate, delegate, nothing else. */
@Controller()
@UseFilters(new DomainRpcExceptionFilter())
export class CaseworkController {
  constructor(
    private readonly cases: CaseService,
    private readonly plans: PlanService,
    private readonly onward: OnwardService,
    private readonly pathways: PathwayService,
    private readonly practitioners: PractitionerService,
    private readonly allocationQueue: AllocationQueueService,
    private readonly db: DataSource,
  ) {}

  @MessagePattern(CASEWORK_PRACTITIONER_SAVE_V1)
  savePractitioner(@Payload() p: unknown) {
    return this.practitioners.save(valid(SavePractitionerV1, p));
  }

  @MessagePattern(CASEWORK_PRACTITIONER_TRAINING_V1)
  addTraining(@Payload() p: unknown) {
    return this.practitioners.addTraining(valid(AddTrainingV1, p));
  }

  @MessagePattern(CASEWORK_PRACTITIONER_LIST_V1)
  listPractitioners(@Payload() p: unknown) {
    return this.practitioners.list(valid(ListPractitionersV1, p));
  }

  @MessagePattern(CASEWORK_PRACTITIONER_PAIR_V1)
  pair(@Payload() p: unknown) {
    return this.practitioners.pair(valid(PairPractitionerV1, p));
  }

  @MessagePattern(CASEWORK_SUPERVISION_RECORD_V1)
  supervision(@Payload() p: unknown) {
    return this.practitioners.recordSupervision(valid(RecordSupervisionV1, p));
  }

  @MessagePattern(CASEWORK_CASE_LIST_V1)
  listCases(@Payload() p: unknown) {
    return this.cases.list(valid(ListCasesV1, p));
  }

  @MessagePattern(CASEWORK_CASE_GET_V1)
  getCase(@Payload() p: unknown) {
    return this.cases.get(valid(GetCaseV1, p));
  }

  @MessagePattern(CASEWORK_CASE_ACCESS_V1)
  access(@Payload() p: unknown): Promise<CaseAccessV1> {
    return caseAccess(this.db.manager, valid(CheckCaseAccessV1, p));
  }

  @MessagePattern(CASEWORK_CASE_TRANSITION_V1)
  transition(@Payload() p: unknown) {
    return this.cases.transition(valid(TransitionCaseV1, p));
  }

  @MessagePattern(CASEWORK_CASE_ALLOCATE_V1)
  allocate(@Payload() p: unknown) {
    return this.cases.allocate(valid(AllocateCaseV1, p));
  }

  @MessagePattern(CASEWORK_CONTACT_RECORD_V1)
  contact(@Payload() p: unknown) {
    return this.cases.recordContact(valid(RecordContactV1, p));
  }

  @MessagePattern(CASEWORK_WHAT_MATTERS_SAVE_V1)
  whatMatters(@Payload() p: unknown) {
    return this.cases.saveWhatMatters(valid(SaveWhatMattersV1, p));
  }

  @MessagePattern(CASEWORK_TASK_COMPLETE_V1)
  completeTask(@Payload() p: unknown) {
    return this.cases.completeTask(valid(CompleteTaskV1, p));
  }

  @MessagePattern(CASEWORK_PLAN_SAVE_V1)
  savePlan(@Payload() p: unknown) {
    return this.plans.save(valid(SavePlanV1, p));
  }

  @MessagePattern(CASEWORK_PLAN_HISTORY_V1)
  planHistory(@Payload() p: unknown) {
    return this.plans.history(valid(GetPlanHistoryV1, p));
  }

  @MessagePattern(CASEWORK_ONWARD_REFERRAL_CREATE_V1)
  referOn(@Payload() p: unknown) {
    return this.onward.create(valid(CreateOnwardReferralV1, p));
  }

  @MessagePattern(CASEWORK_ONWARD_REFERRAL_UPDATE_V1)
  updateOnward(@Payload() p: unknown) {
    return this.onward.update(valid(UpdateOnwardReferralV1, p));
  }

  @MessagePattern(CASEWORK_PARTNER_REFERRAL_LIST_V1)
  partnerReferrals(@Payload() p: unknown) {
    return this.onward.partnerList(valid(ListPartnerReferralsV1, p));
  }

  @MessagePattern(CASEWORK_PATHWAY_STEP_V1)
  pathwayStep(@Payload() p: unknown) {
    return this.pathways.recordStep(valid(RecordPathwayStepV1, p));
  }

  @MessagePattern(CASEWORK_PATHWAY_HANDOFF_V1)
  handoff(@Payload() p: unknown) {
    return this.pathways.handoff(valid(UpdatePathwayHandoffV1, p));
  }

  @MessagePattern(CASEWORK_PATHWAY_METRICS_V1)
  metrics(@Payload() p: unknown) {
    return this.pathways.metrics(valid(GetPathwayMetricsV1, p));
  }

  @MessagePattern(CASEWORK_SCHEME_LIST_V1)
  schemes(@Payload() p: unknown) {
    return this.pathways.schemes(valid(ListSchemesV1, p));
  }

  @MessagePattern(CASEWORK_ALLOCATION_QUEUE_V1)
  queue(@Payload() p: unknown) {
    return this.allocationQueue.list(valid(ListAllocationQueueV1, p));
  }

  @MessagePattern(CASEWORK_PARTNER_RESPONSIVENESS_V1)
  responsiveness(@Payload() p: unknown) {
    return this.onward.responsiveness(valid(GetPartnerResponsivenessV1, p));
  }
}
