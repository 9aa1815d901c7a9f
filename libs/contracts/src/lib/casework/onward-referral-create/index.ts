import { Type } from 'class-transformer';
import { IsBoolean, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { CaseworkActorV1 } from '../actor';

/** Request/reply: refer the person on to a directory service from their plan (capacity reserved). */
export const CASEWORK_ONWARD_REFERRAL_CREATE_V1 = 'casework.onward_referral.create.v1' as const;

export class CreateOnwardReferralV1 {
  @ValidateNested() @Type(() => CaseworkActorV1) actor!: CaseworkActorV1;
  @IsUUID() caseId!: string;
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/) directoryServiceId!: string;
  /** The person agreed to their details being shared with the partner. */
  @IsBoolean() consentToShare!: boolean;
  /** A retry with the same key answers with the first onward referral and takes no second place. */
  @IsString() @Length(8, 200) idempotencyKey!: string;
}
