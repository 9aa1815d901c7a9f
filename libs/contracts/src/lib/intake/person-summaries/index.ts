import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';

/**
 * Request/reply: short summaries of people by id (display name, age, postcode district), so a
 * caseload of many cases is named in one request. Ids unknown to intake are left out of the
 * answer. For staff who already hold the case; the caller checks role and audits the read.
 */
export const INTAKE_PERSON_SUMMARIES_V1 = 'intake.person.summaries.v1' as const;

/** Most ids asked for at once (a caseload page). */
export const PERSON_SUMMARIES_MAX = 200;

export class PersonSummariesRequestV1 {
  @IsArray()
  @ArrayMaxSize(PERSON_SUMMARIES_MAX)
  @IsUUID('all', { each: true })
  personIds!: string[];
}

export interface PersonSummaryV1 {
  personId: string;
  /** Given and family name, from the person's latest referral. */
  displayName: string;
  /** Whole years today (UK date), from the date of birth. */
  age: number;
  /** The outward code of the postcode, e.g. "LS6"; the full postcode stays in intake. */
  postcodeDistrict: string;
  /** A referral of theirs was flagged as a safeguarding concern (the caseload's flag). */
  safeguarding: boolean;
}

export interface PersonSummariesV1 {
  items: PersonSummaryV1[];
}

/** Merged into RequestMap (subject-map.ts). */
export interface PersonSummaryRequests {
  'intake.person.summaries.v1': { request: PersonSummariesRequestV1; response: PersonSummariesV1 };
}
