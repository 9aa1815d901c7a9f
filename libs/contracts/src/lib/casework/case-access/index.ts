import { Type } from 'class-transformer';
import { IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';

/**
 * Request/reply: which cases of one case, person or referral the actor may work on, by casework's
 * own rule (hub managers every case of the hub, a link worker only the cases allocated to them).
 * Other services' person-level routes (outcomes) ask this once per request rather than keeping a
 * copy of allocations. Exactly one of caseId, personId, referralId. A link worker with no case
 * of what was asked about gets NOT_FOUND, as casework answers for someone else's case.
 */
export const CASEWORK_CASE_ACCESS_V1 = 'casework.case.access.v1' as const;

export class CheckCaseAccessV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsOptional() @IsUUID() caseId?: string;
  @IsOptional() @IsUUID() personId?: string;
  @IsOptional() @IsUUID() referralId?: string;
}

export interface CaseAccessV1 {
  /**
   * True for hub staff who see every case of the hub: caseIds is then every case casework holds
   * for what was asked about, and a reader need not narrow to it.
   */
  allCases: boolean;
  /** The cases the actor may work on, oldest first; never empty when allCases is false. */
  caseIds: string[];
}
