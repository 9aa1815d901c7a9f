import { IsInt, Max, Min } from 'class-validator';

/**
 * Request/reply: needs that hub staff searched for in the last N days for which no active
 * service in the directory can take a referral now.
 */
export const DIRECTORY_GAP_REPORT_V1 = 'directory.gap-report.v1' as const;

export class DirectoryGapReportV1 {
  @IsInt() @Min(1) @Max(365) days!: number;
}

export interface DirectoryGapV1 {
  taxonomyTermId: string;
  name: string;
  searches: number;
  lastSearchedAt: string;
  /** Active services under this need (term or its children), whether or not they take referrals. */
  activeServices: number;
}

export interface DirectoryGapReportResultV1 {
  since: string;
  days: number;
  gaps: DirectoryGapV1[];
}
