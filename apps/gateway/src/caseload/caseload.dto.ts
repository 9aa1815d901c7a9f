import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type CaseSummaryViewV1,
  type DueOutcomeV1,
  OUTCOME_TIMEPOINTS,
  type PersonSummaryV1,
} from '@linkway/contracts';

export class PersonSummaryDto implements PersonSummaryV1 {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ example: 'Ada Lovelace' }) displayName!: string;
  @ApiProperty({ example: 67 }) age!: number;
  @ApiProperty({ example: 'LS6' }) postcodeDistrict!: string;
  @ApiProperty({ description: 'A referral of theirs was flagged as a safeguarding concern' })
  safeguarding!: boolean;
}

export class DueOutcomeDto implements DueOutcomeV1 {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: OUTCOME_TIMEPOINTS }) timepoint!: DueOutcomeV1['timepoint'];
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time' }) overdueAt!: string;
  @ApiProperty() overdue!: boolean;
}

export class CaseloadCaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() queue!: CaseSummaryViewV1['queue'];
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) practitionerId!: string | null;
  @ApiProperty() state!: CaseSummaryViewV1['state'];
  @ApiPropertyOptional({ nullable: true }) closureReason!: CaseSummaryViewV1['closureReason'];
  @ApiProperty({ type: [String] }) needs!: string[];
  @ApiProperty() integrationModel!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty() noContactFlag!: boolean;
  @ApiProperty() daysSinceContact!: number;
  @ApiProperty({
    description: 'A partner answered an onward referral since the practitioner last opened the case',
  })
  partnerReplied!: boolean;
  @ApiPropertyOptional({
    type: DueOutcomeDto,
    nullable: true,
    description: 'The earliest outcome recording due by now; null: nothing due, closed, or not known',
  })
  outcomeDue!: DueOutcomeV1 | null;
  @ApiPropertyOptional({
    type: PersonSummaryDto,
    nullable: true,
    description: 'null: intake does not know the person',
  })
  person!: PersonSummaryV1 | null;
}

export class CaseloadAnswer {
  @ApiProperty({ description: 'false: outcomes did not answer, so no case shows "outcome due"' })
  outcomeDueKnown!: boolean;
  @ApiProperty({ type: [CaseloadCaseDto] }) cases!: CaseloadCaseDto[];
}
