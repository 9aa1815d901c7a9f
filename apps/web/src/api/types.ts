import type { Role } from '../app/roles';

/** Answers of the gateway (apps/gateway/src/*\/dto); the OpenAPI document at /api/docs-json is the source. */
export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  role: Role;
  hubId: string;
}

export interface HubInfo {
  hubId: string;
  hubName: string;
}

export interface Account {
  id: string;
  hubId: string;
  email: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  partnerOrganisationId: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  total: number;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorRole: string;
  hubId: string;
  action: string;
  entity: string;
  entityId: string | null;
  purpose: string;
  requestId: string | null;
}

export type ServiceState = 'up' | 'unavailable' | 'timeout' | 'error';

export interface ServiceStatus {
  service: string;
  status: ServiceState;
  latencyMs: number;
  version?: string;
  reason?: string;
}

/** intake's ReferralViewV1, the fields the screens use. */
export interface Referral {
  id: string;
  status: string;
  nhsNumber: string | null;
  localId: string | null;
  person: { givenName: string; familyName: string; dateOfBirth: string; postcode: string };
  referrerType: string;
  reasons: string[];
  safeguarding: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ReferralCreated {
  linked: boolean;
  duplicateOf: string | null;
  referral: Referral;
}

/** casework's PractitionerViewV1 as GET /casework/practitioners answers it, the fields the screens use. */
export interface PractitionerLoad {
  id: string;
  name: string;
  role: string;
  active: boolean;
  homeEnvironmentTrained: boolean;
  load: { openCases: number; caseloadCapacity: number; load: number; overCapacity: boolean };
  supervision: { dueAt: string; overdue: boolean };
}

/** POST /casework/practitioners/:id/supervision-sessions: casework's SupervisionSessionViewV1. */
export interface SupervisionSession {
  id: string;
  practitionerId: string;
  supervisorId: string;
  at: string;
  casesDiscussed: string[];
  actions: string[];
}

/** GET /casework/allocation-queue: a case waiting for a practitioner, the person named by intake. */
export interface QueuedCase {
  id: string;
  personId: string;
  queue: string;
  needs: string[];
  integrationModel: string;
  safeguarding: boolean;
  openedAt: string;
  person: { displayName: string; age: number; postcodeDistrict: string; safeguarding: boolean } | null;
}

/** GET /casework/partner-responsiveness: one partner service's answers in the window and its capacity now. */
export interface ServiceResponsiveness {
  partnerOrganisationId: string;
  organisationName: string | null;
  directoryServiceId: string;
  serviceName: string;
  sent: number;
  answered: number;
  answeredWithinNudge: number;
  declined: number;
  waiting: number;
  expired: number;
  cancelledUnanswered: number;
  medianDaysToFirstAnswer: number | null;
  answeredWithinNudgeRate: number | null;
  declinedRate: number | null;
  /** null: the service is no longer in the directory. */
  capacity: {
    status: string;
    accepting: 'yes' | 'no' | 'paused';
    placesLeft: number | null;
    maxNewPerWeek: number | null;
    waitingTimeDays: number | null;
    available: boolean;
  } | null;
}

export interface PartnerResponsivenessReport {
  days: number;
  from: string;
  nudgeAfterDays: number;
  services: ServiceResponsiveness[];
}
