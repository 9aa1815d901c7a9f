import { Controller, Get, Header, Param, ParseEnumPipe, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { HUB_ARCHETYPES, INTEGRATION_MODELS } from '@linkway/contracts';
import { reportToCsv } from './csv';
import { REPORT_NAMES, type ReportName } from './report-builder';
import { ReportsService } from './reports.service';

const PERIOD_KEY = /^\d{4}-(0[1-9]|1[0-2]|W(0[1-9]|[1-4]\d|5[0-3]))$/;

export class ReportQueryDto {
  @ApiPropertyOptional({ enum: ['month', 'week'], default: 'month' })
  @IsOptional()
  @IsIn(['month', 'week'])
  period?: 'month' | 'week';

  @ApiPropertyOptional({ example: '2026-01', description: 'first period key, inclusive' })
  @IsOptional()
  @Matches(PERIOD_KEY)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'last period key, inclusive' })
  @IsOptional()
  @Matches(PERIOD_KEY)
  to?: string;

  @ApiPropertyOptional({ enum: INTEGRATION_MODELS, description: 'only hubs with this integration model' })
  @IsOptional()
  @IsIn(INTEGRATION_MODELS)
  integrationModel?: string;

  @ApiPropertyOptional({ enum: HUB_ARCHETYPES, description: 'only hubs of this archetype' })
  @IsOptional()
  @IsIn(HUB_ARCHETYPES)
  archetype?: string;
}

/**
 * ICS reports. Every figure has been through NHS disclosure control: 0 stays 0, 1–7 is `*`,
 * other counts are rounded to 5, totals rounded on their own, means and rates over 1–7
 * people withheld, percentages from the rounded counts.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @ApiOkResponse({ description: 'the report names' })
  list(): { reports: string[] } {
    return { reports: REPORT_NAMES };
  }

  @Get(':name.csv')
  @ApiParam({ name: 'name', enum: REPORT_NAMES })
  @ApiProduces('text/csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  async csv(
    @Param('name', new ParseEnumPipe(Object.fromEntries(REPORT_NAMES.map((n) => [n, n])))) name: ReportName,
    @Query() query: ReportQueryDto,
  ): Promise<string> {
    return reportToCsv(name, (await this.reports.report(name, query)) as never);
  }

  @Get(':name')
  @ApiParam({ name: 'name', enum: REPORT_NAMES })
  @ApiOkResponse({
    description: 'a protected report: per hub (or group, or period) rows and the ICS figures',
  })
  report(
    @Param('name', new ParseEnumPipe(Object.fromEntries(REPORT_NAMES.map((n) => [n, n])))) name: ReportName,
    @Query() query: ReportQueryDto,
  ): Promise<unknown> {
    return this.reports.report(name, query);
  }
}
