import type {
  CaseClosedV1,
  CaseOpenedV1,
  ContactRecordedV1,
  OnwardReferralStatusChangedV1,
  PathwayStepRecordedV1,
  ReferralEventV1,
} from '@linkway/contracts';
import { uuidv7 } from '@linkway/util';

/*
 * Factories for the intake and casework events outcomes consumes: valid by default, override
 * what a test is about. Ids are fresh UUIDv7s.
 */

const iso = (at?: string | Date) => (at ? new Date(at) : new Date()).toISOString();

export function referralEvent(overrides: Partial<ReferralEventV1> = {}): ReferralEventV1 {
  return {
    referralId: uuidv7(),
    personId: uuidv7(),
    hubId: 'hub1',
    status: 'received',
    channel: 'api',
    queue: 'general',
    needs: ['isolation'],
    referrerType: 'gp_practice',
    homeScreen: [],
    integrationModel: 'none',
    safeguarding: false,
    identityFollowUp: false,
    snomedCodes: [],
    declineReason: null,
    occurredAt: iso(),
    ...overrides,
  };
}

export function caseOpened(overrides: Partial<CaseOpenedV1> = {}): CaseOpenedV1 {
  return {
    caseId: uuidv7(),
    referralId: uuidv7(),
    personId: uuidv7(),
    hubId: 'hub1',
    queue: 'general',
    practitionerId: uuidv7(),
    referrerType: 'gp_practice',
    needs: ['isolation'],
    integrationModel: 'none',
    homeScreen: [],
    safeguarding: false,
    occurredAt: iso(),
    ...overrides,
  };
}

export function contactRecorded(
  opened: CaseOpenedV1,
  overrides: Partial<ContactRecordedV1> = {},
): ContactRecordedV1 {
  return {
    contactId: uuidv7(),
    caseId: opened.caseId,
    personId: opened.personId,
    hubId: 'hub1',
    practitionerId: opened.practitionerId ?? uuidv7(),
    at: iso(),
    mode: 'phone',
    durationMinutes: 30,
    didNotAttend: false,
    attendedCount: 1,
    occurredAt: iso(),
    ...overrides,
  };
}

export function caseClosed(opened: CaseOpenedV1, overrides: Partial<CaseClosedV1> = {}): CaseClosedV1 {
  return {
    caseId: opened.caseId,
    referralId: opened.referralId,
    personId: opened.personId,
    hubId: 'hub1',
    closureReason: 'completed',
    referrerType: opened.referrerType,
    needs: opened.needs,
    practitionerId: opened.practitionerId,
    integrationModel: opened.integrationModel,
    archetype: 'community_centre',
    openedAt: opened.occurredAt,
    firstContactAt: null,
    planAgreedAt: null,
    contactsAttended: 1,
    contactsDidNotAttend: 0,
    onwardServiceIds: [],
    onwardCompletedServiceIds: [],
    interventionDelivered: false,
    closedAt: iso(),
    occurredAt: iso(),
    ...overrides,
  };
}

export function onwardStatus(
  opened: CaseOpenedV1,
  overrides: Partial<OnwardReferralStatusChangedV1> = {},
): OnwardReferralStatusChangedV1 {
  return {
    onwardReferralId: uuidv7(),
    caseId: opened.caseId,
    personId: opened.personId,
    hubId: 'hub1',
    directoryServiceId: 'svc-walking-group',
    partnerOrganisationId: 'org-ramblers',
    from: null,
    status: 'sent',
    reasonCode: null,
    responseSeconds: null,
    byRole: 'link_worker',
    at: iso(),
    occurredAt: iso(),
    ...overrides,
  };
}

export function pathwayStep(
  opened: CaseOpenedV1,
  overrides: Partial<PathwayStepRecordedV1> = {},
): PathwayStepRecordedV1 {
  return {
    pathwayId: uuidv7(),
    caseId: opened.caseId,
    hubId: 'hub1',
    step: 'eligibility_check',
    decision: null,
    schemes: [],
    integrationModel: 'universal_screening',
    owner: 'hub',
    practitionerTrained: true,
    at: iso(),
    by: 'link-worker-1',
    occurredAt: iso(),
    ...overrides,
  };
}
