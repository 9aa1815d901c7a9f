import type { ReferralDraftV1, ReferralViewV1 } from '@linkway/contracts';
import { FHIR_SYSTEMS, INTAKE_SNOMED_REFERRED } from '@linkway/domain';
import { type ErrorDetail, ValidationFailedError } from '@linkway/util';

/** Linkway's FHIR definitions (extensions and code systems) for what UK Core has no element for. */
export const LINKWAY_FHIR = {
  referrerType: 'https://linkway.org.uk/fhir/StructureDefinition/referrer-type',
  consent: 'https://linkway.org.uk/fhir/StructureDefinition/consent-to-share',
  homeScreen: 'https://linkway.org.uk/fhir/StructureDefinition/home-environment-risk',
  safeguarding: 'https://linkway.org.uk/fhir/StructureDefinition/safeguarding-concern',
  eligibility: 'https://linkway.org.uk/fhir/StructureDefinition/eligibility-flag',
  presentingNeed: 'https://linkway.org.uk/fhir/CodeSystem/presenting-need',
  referralStatus: 'https://linkway.org.uk/fhir/CodeSystem/referral-status',
} as const;

type Json = Record<string, unknown>;
interface Extension {
  url?: string;
  valueCode?: string;
  valueBoolean?: boolean;
  valueDateTime?: string;
  extension?: Extension[];
}

/** Where each intake field lives in a ServiceRequest/Patient, so an OperationOutcome names the element. */
export const FHIR_PATHS: Record<string, string> = {
  referrerType: `ServiceRequest.requester.extension('${LINKWAY_FHIR.referrerType}')`,
  'person.nhsNumber': `Patient.identifier.where(system='${FHIR_SYSTEMS.nhsNumber}')`,
  'person.givenName': 'Patient.name.given',
  'person.familyName': 'Patient.name.family',
  'person.dateOfBirth': 'Patient.birthDate',
  'person.postcode': 'Patient.address.postalCode',
  'person.flags': `ServiceRequest.extension('${LINKWAY_FHIR.eligibility}')`,
  'consent.givenBy': `ServiceRequest.extension('${LINKWAY_FHIR.consent}').extension('givenBy')`,
  'consent.method': `ServiceRequest.extension('${LINKWAY_FHIR.consent}').extension('method')`,
  'consent.recordedAt': `ServiceRequest.extension('${LINKWAY_FHIR.consent}').extension('recordedAt')`,
  reasons: 'ServiceRequest.reasonCode',
  homeScreen: `ServiceRequest.extension('${LINKWAY_FHIR.homeScreen}')`,
  note: 'ServiceRequest.note',
  'Idempotency-Key': 'Idempotency-Key',
  id: 'ServiceRequest.id',
};

const fail = (details: ErrorDetail[]) =>
  new ValidationFailedError('The ServiceRequest cannot be accepted', details);

const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/**
 * Finds the ServiceRequest and its Patient: contained (`subject.reference = "#p1"`) or referenced
 * from a Bundle entry (`"urn:uuid:…"` fullUrl or `"Patient/<id>"`).
 */
export function unpack(body: unknown): { request: Json; patient: Json } {
  if (!body || typeof body !== 'object')
    throw fail([{ field: 'resourceType', reason: 'send a ServiceRequest or a Bundle holding one' }]);
  const resource = body as Json;
  let request: Json | undefined;
  let candidates: Array<{ fullUrl?: string; resource: Json }> = [];
  if (resource.resourceType === 'Bundle') {
    const entries = asArray<{ fullUrl?: string; resource?: Json }>(resource.entry).filter((e) => e.resource);
    request = entries.find((e) => e.resource?.resourceType === 'ServiceRequest')?.resource;
    candidates = entries.map((e) => ({ fullUrl: e.fullUrl, resource: e.resource as Json }));
    if (!request) throw fail([{ field: 'Bundle.entry', reason: 'the Bundle holds no ServiceRequest' }]);
  } else if (resource.resourceType === 'ServiceRequest') {
    request = resource;
  } else {
    throw fail([{ field: 'resourceType', reason: 'must be ServiceRequest (or a Bundle holding one)' }]);
  }
  const contained = asArray<Json>(request.contained).map((r) => ({
    fullUrl: `#${String(r.id)}`,
    resource: r,
  }));
  const reference = (request.subject as Json | undefined)?.reference;
  if (typeof reference !== 'string' || !reference) {
    throw fail([
      {
        field: 'ServiceRequest.subject',
        reason: 'subject must reference the Patient (contained "#id" or a Bundle entry)',
      },
    ]);
  }
  const patient = [...contained, ...candidates].find(
    ({ fullUrl, resource: r }) =>
      r.resourceType === 'Patient' &&
      (fullUrl === reference ||
        `Patient/${String(r.id)}` === reference ||
        (reference.startsWith('#') && `#${String(r.id)}` === reference)),
  )?.resource;
  if (!patient) {
    throw fail([
      {
        field: 'ServiceRequest.subject',
        reason: `no Patient ${reference} in the request; contain it or send a Bundle with it`,
      },
    ]);
  }
  return { request, patient };
}

/** A UK Core-style ServiceRequest (and its Patient) as a referral draft. */
export function toDraft(body: unknown): ReferralDraftV1 {
  const { request, patient } = unpack(body);
  const errors: ErrorDetail[] = [];
  if (request.intent !== undefined && !['order', 'proposal', 'plan'].includes(String(request.intent)))
    errors.push({ field: 'ServiceRequest.intent', reason: 'must be order, proposal or plan' });
  if (request.status !== undefined && !['active', 'draft'].includes(String(request.status)))
    errors.push({ field: 'ServiceRequest.status', reason: 'a new referral is active (or draft)' });
  if (request.authoredOn !== undefined && Number.isNaN(Date.parse(String(request.authoredOn))))
    errors.push({ field: 'ServiceRequest.authoredOn', reason: 'must be a dateTime' });
  if (errors.length) throw fail(errors);

  const nhsNumber = asArray<Json>(patient.identifier).find((i) => i.system === FHIR_SYSTEMS.nhsNumber)?.value;
  const name = asArray<Json>(patient.name)[0] ?? {};
  const address = asArray<Json>(patient.address)[0] ?? {};
  const extensions = asArray<Extension>(request.extension);
  const requesterExt = asArray<Extension>((request.requester as Json | undefined)?.extension);
  const referrerType =
    requesterExt.find((e) => e.url === LINKWAY_FHIR.referrerType)?.valueCode ?? 'gp_practice';
  const consent = extensions.find((e) => e.url === LINKWAY_FHIR.consent)?.extension ?? [];
  const part = (url: string) => consent.find((e) => e.url === url);
  const reasons = asArray<Json>(request.reasonCode).flatMap((concept) =>
    asArray<Json>(concept.coding)
      .filter((c) => c.system === LINKWAY_FHIR.presentingNeed)
      .map((c) => String(c.code)),
  );
  const notes = asArray<Json>(request.note)
    .map((n) => n.text)
    .filter((t): t is string => typeof t === 'string');
  return {
    referrerType,
    person: {
      ...(typeof nhsNumber === 'string' ? { nhsNumber } : {}),
      givenName: asArray<string>(name.given).join(' '),
      familyName: typeof name.family === 'string' ? name.family : '',
      dateOfBirth: typeof patient.birthDate === 'string' ? patient.birthDate : '',
      postcode: typeof address.postalCode === 'string' ? address.postalCode : '',
      flags: extensions.filter((e) => e.url === LINKWAY_FHIR.eligibility).map((e) => String(e.valueCode)),
    },
    consent: {
      givenBy: part('givenBy')?.valueCode ?? '',
      method: part('method')?.valueCode ?? '',
      recordedAt: part('recordedAt')?.valueDateTime ?? '',
    },
    reasons,
    homeScreen: extensions.filter((e) => e.url === LINKWAY_FHIR.homeScreen).map((e) => String(e.valueCode)),
    safeguarding: extensions.find((e) => e.url === LINKWAY_FHIR.safeguarding)?.valueBoolean === true,
    ...(notes.length ? { note: notes.join('\n').slice(0, 2000) } : {}),
  };
}

const FHIR_STATUS: Record<ReferralViewV1['status'], string> = {
  received: 'active',
  safeguarding_review: 'active',
  awaiting_info: 'on-hold',
  accepted: 'active',
  declined: 'revoked',
  signposted: 'completed',
  linked: 'revoked',
};

/** The stored referral as a ServiceRequest with a contained Patient. */
export function toServiceRequest(view: ReferralViewV1): Json {
  return {
    resourceType: 'ServiceRequest',
    id: view.id,
    meta: { lastUpdated: view.updatedAt },
    contained: [
      {
        resourceType: 'Patient',
        id: 'patient',
        identifier: view.nhsNumber
          ? [{ system: FHIR_SYSTEMS.nhsNumber, value: view.nhsNumber }]
          : [{ system: 'https://linkway.org.uk/fhir/Id/local-person', value: view.localId }],
        name: [{ given: [view.person.givenName], family: view.person.familyName }],
        birthDate: view.person.dateOfBirth,
        address: [{ postalCode: view.person.postcode }],
      },
    ],
    extension: [
      {
        url: LINKWAY_FHIR.consent,
        extension: [
          { url: 'givenBy', valueCode: view.consent.givenBy },
          { url: 'method', valueCode: view.consent.method },
          { url: 'recordedAt', valueDateTime: view.consent.recordedAt },
        ],
      },
      ...view.homeScreen.map((code) => ({ url: LINKWAY_FHIR.homeScreen, valueCode: code })),
      ...view.person.flags.map((code) => ({ url: LINKWAY_FHIR.eligibility, valueCode: code })),
      ...(view.safeguarding ? [{ url: LINKWAY_FHIR.safeguarding, valueBoolean: true }] : []),
    ],
    status: FHIR_STATUS[view.status],
    intent: 'order',
    category: [{ coding: [{ system: FHIR_SYSTEMS.snomedCt, code: '3457005', display: 'Patient referral' }] }],
    code: {
      coding: [
        {
          system: FHIR_SYSTEMS.snomedCt,
          code: INTAKE_SNOMED_REFERRED,
          display: 'Referral to social prescribing service',
        },
      ],
    },
    subject: { reference: '#patient' },
    requester: { extension: [{ url: LINKWAY_FHIR.referrerType, valueCode: view.referrerType }] },
    reasonCode: view.reasons.map((code) => ({ coding: [{ system: LINKWAY_FHIR.presentingNeed, code }] })),
    authoredOn: view.createdAt,
    ...(view.note ? { note: [{ text: view.note }] } : {}),
    ...(view.duplicateOf
      ? {
          supportingInfo: [
            {
              reference: `ServiceRequest/${view.duplicateOf}`,
              display: 'open referral this one was linked to',
            },
          ],
        }
      : {}),
    identifier: [{ system: LINKWAY_FHIR.referralStatus, value: view.status }],
  };
}
