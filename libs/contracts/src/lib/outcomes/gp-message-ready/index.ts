import { IsISO8601, IsObject, IsString, IsUUID } from 'class-validator';

/**
 * Event: the PRSB "message back to GP and referrer" for a closed case is ready, as a FHIR R4
 * document Bundle (Composition first). For a GP-system connector inside the hub: the patient is
 * referenced by Linkway person id; the connector resolves the NHS number from intake.
 */
export const OUTCOMES_GP_MESSAGE_READY_V1 = 'evt.outcomes.gp_message.ready.v1' as const;

/** A FHIR R4 Bundle of type `document`; kept loose here, built by the outcomes service. */
export interface GpMessageDocumentV1 {
  resourceType: 'Bundle';
  type: 'document';
  id: string;
  timestamp: string;
  identifier: { system: string; value: string };
  entry: Array<{ fullUrl: string; resource: Record<string, unknown> & { resourceType: string } }>;
}

export class GpMessageReadyV1 {
  @IsUUID() messageId!: string;
  @IsUUID() caseId!: string;
  @IsUUID() referralId!: string;
  @IsUUID() personId!: string;
  @IsString() hubId!: string;
  @IsObject() document!: GpMessageDocumentV1;
  @IsISO8601() occurredAt!: string;
}
