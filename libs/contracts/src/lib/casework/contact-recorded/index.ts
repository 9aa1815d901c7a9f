import { IsBoolean, IsIn, IsInt, IsISO8601, IsString, IsUUID, Min } from 'class-validator';
import { CONTACT_MODES, type ContactMode } from '../shared';

/** Event: a contact with the person was logged (no notes, no names of who was present). */
export const CASEWORK_CONTACT_RECORDED_V1 = 'evt.casework.contact.recorded.v1' as const;

export class ContactRecordedV1 {
  @IsUUID() contactId!: string;
  @IsUUID() caseId!: string;
  @IsUUID() personId!: string;
  @IsString() hubId!: string;
  @IsUUID() practitionerId!: string;
  /** When the contact took place. */
  @IsISO8601() at!: string;
  @IsIn(CONTACT_MODES) mode!: ContactMode;
  @IsInt() @Min(0) durationMinutes!: number;
  @IsBoolean() didNotAttend!: boolean;
  /** Contacts attended so far on this case, this one included. */
  @IsInt() @Min(0) attendedCount!: number;
  @IsISO8601() occurredAt!: string;
}
