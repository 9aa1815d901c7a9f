import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CaseSummaryViewV1, PersonSummaryV1 } from '@linkway/contracts';

export class PersonSummaryDto implements PersonSummaryV1 {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ example: 'Ada Lovelace' }) displayName!: string;
  @ApiProperty({ example: 67 }) age!: number;
  @ApiProperty({ example: 'LS6' }) postcodeDistrict!: string;
  @ApiProperty({ description: 'A referral of theirs was flagged as a safeguarding concern' })
  safeguarding!: boolean;
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
  @ApiPropertyOptional({
    type: PersonSummaryDto,
    nullable: true,
    description: 'null: intake does not know the person',
  })
  person!: PersonSummaryV1 | null;
}

export class CaseloadAnswer {
  @ApiProperty({ type: [CaseloadCaseDto] }) cases!: CaseloadCaseDto[];
}
