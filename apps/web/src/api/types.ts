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
