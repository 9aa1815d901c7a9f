import type { GpMessageDocumentV1 } from '@linkway/contracts';
import {
  HEALTH_USE_ITEM_LABELS,
  HEALTH_USE_SCALAR,
  type HealthUseItem,
  ONS4_ITEM_LABELS,
  ONS4_SCALAR,
  type Ons4Item,
  PRESENTING_NEEDS,
  REFERRER_TYPE_LABELS,
  type ReferrerType,
  SNOMED,
  TIMEPOINT_LABELS,
  type Timepoint,
  toFhirCoding,
} from '@linkway/domain';

/** Where the person is identified: a Linkway person id; a GP connector resolves the NHS number from intake. */
export const LINKWAY_PERSON_SYSTEM = 'https://fhir.linkway.org.uk/Id/person';
export const LINKWAY_GP_MESSAGE_SYSTEM = 'https://fhir.linkway.org.uk/Id/gp-message';

export interface GpMessageInput {
  messageId: string;
  hubId: string;
  hubName: string;
  caseId: string;
  referralId: string;
  personId: string;
  referrerType: string;
  needs: string[];
  openedAt: string;
  closedAt: string;
  closureReason: string;
  contactsAttended: number;
  /** Onward referrals (support offered), with their last status. */
  onward: Array<{ directoryServiceId: string; partnerOrganisationId: string; status: string }>;
  /** Measures at baseline and at the last follow-up recorded. */
  outcomes: Array<{ measure: string; timepoint: Timepoint; score: number; recordedAt: string }>;
  createdAt: string;
}

const MEASURE_LABELS: Record<string, string> = {
  ...Object.fromEntries(
    (Object.keys(ONS4_SCALAR) as Ons4Item[]).map((i) => [
      ONS4_SCALAR[i],
      `ONS4: ${ONS4_ITEM_LABELS[i]} (0–10)`,
    ]),
  ),
  ...Object.fromEntries(
    (Object.keys(HEALTH_USE_SCALAR) as HealthUseItem[]).map((i) => [
      HEALTH_USE_SCALAR[i],
      `${HEALTH_USE_ITEM_LABELS[i]} in the stated window`,
    ]),
  ),
  swemwbs: 'SWEMWBS metric score (7–35)',
  ucla3: 'UCLA 3-item loneliness score (3–9)',
  ons_loneliness: 'How often do you feel lonely? (1 often/always – 5 never)',
  readmission: 'Readmitted to hospital (1 yes, 0 no)',
};

/** Taken up: the partner accepted, started or completed. */
const TAKEN_UP = ['accepted', 'started', 'completed'];

const needLabel = (code: string) => PRESENTING_NEEDS.find((n) => n.code === code)?.label ?? code;
const escape = (text: string) =>
  text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
const narrative = (lines: string[]) => ({
  status: 'generated',
  div: `<div xmlns="http://www.w3.org/1999/xhtml">${lines.map((l) => `<p>${escape(l)}</p>`).join('')}</div>`,
});

/**
 * The PRSB "message back to GP and referrer" for a closed social prescribing episode, as a FHIR
 * R4 document Bundle: the Composition first (typed with SNOMED 871731000000106, the referral to
 * the social prescribing service), then the Patient reference, the coded status (declined:
 * 871711000000103; offered: 871691000000100) and one Observation per measure and timepoint.
 * Sections: referral, support offered, support taken up, outcomes, status at closure.
 */
export function buildGpMessage(input: GpMessageInput): GpMessageDocumentV1 {
  const urn = (kind: string, n = 0) =>
    `urn:uuid:${input.messageId.slice(0, 24)}${kind}${String(n).padStart(12 - kind.length, '0')}`;
  const patientUrl = urn('a');
  const statusUrl = urn('b');
  const patient = {
    resourceType: 'Patient',
    identifier: [{ system: LINKWAY_PERSON_SYSTEM, value: input.personId }],
  };
  const declined = input.closureReason === 'declined';
  const statusConcept = declined ? SNOMED.socialPrescribingDeclined : SNOMED.socialPrescribingOffered;
  const statusObservation = {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [toFhirCoding(statusConcept)] },
    subject: { reference: patientUrl },
    effectiveDateTime: input.closedAt,
  };
  const observations = input.outcomes.map((o, i) => ({
    fullUrl: urn('c', i),
    resource: {
      resourceType: 'Observation',
      status: 'final',
      code: { text: MEASURE_LABELS[o.measure] ?? o.measure },
      subject: { reference: patientUrl },
      effectiveDateTime: o.recordedAt,
      valueQuantity: { value: o.score },
      note: [{ text: TIMEPOINT_LABELS[o.timepoint] }],
    },
  }));
  const offered = input.onward;
  const takenUp = input.onward.filter((o) => TAKEN_UP.includes(o.status));
  const composition = {
    resourceType: 'Composition',
    status: 'final',
    type: {
      coding: [toFhirCoding(SNOMED.referralToSocialPrescribingService)],
      text: 'Social prescribing: message back to GP and referrer',
    },
    subject: { reference: patientUrl },
    date: input.createdAt,
    author: [{ display: input.hubName, identifier: { value: input.hubId } }],
    title: 'Social prescribing – message back to GP and referrer',
    event: [{ period: { start: input.openedAt, end: input.closedAt } }],
    section: [
      {
        title: 'Referral',
        text: narrative([
          `Referred by: ${REFERRER_TYPE_LABELS[input.referrerType as ReferrerType] ?? input.referrerType}`,
          `Needs and concerns: ${input.needs.map(needLabel).join('; ') || 'none recorded'}`,
          `Support from ${input.openedAt.slice(0, 10)} to ${input.closedAt.slice(0, 10)}; ${input.contactsAttended} contact(s) attended`,
        ]),
      },
      {
        title: 'Social prescribing support offered',
        text: narrative(
          offered.length
            ? offered.map(
                (o) =>
                  `Directory service ${o.directoryServiceId} (partner ${o.partnerOrganisationId}): ${o.status}`,
              )
            : ['No onward referral was made'],
        ),
      },
      {
        title: 'Support taken up',
        text: narrative(
          takenUp.length
            ? takenUp.map((o) => `Directory service ${o.directoryServiceId}: ${o.status}`)
            : ['None'],
        ),
      },
      {
        title: 'Outcomes',
        text: narrative(
          input.outcomes.length
            ? input.outcomes.map(
                (o) =>
                  `${MEASURE_LABELS[o.measure] ?? o.measure} at ${TIMEPOINT_LABELS[o.timepoint]}: ${o.score}`,
              )
            : ['No outcome measures were recorded'],
        ),
        entry: observations.map((o) => ({ reference: o.fullUrl })),
      },
      {
        title: 'Social prescribing status',
        text: narrative([`Closed: ${input.closureReason.replace(/_/g, ' ')}`, statusConcept.display]),
        entry: [{ reference: statusUrl }],
      },
    ],
  };
  return {
    resourceType: 'Bundle',
    type: 'document',
    id: input.messageId,
    timestamp: input.createdAt,
    identifier: { system: LINKWAY_GP_MESSAGE_SYSTEM, value: input.messageId },
    entry: [
      { fullUrl: urn('d'), resource: composition },
      { fullUrl: patientUrl, resource: patient },
      { fullUrl: statusUrl, resource: statusObservation },
      ...observations,
    ],
  };
}
