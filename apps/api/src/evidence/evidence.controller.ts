import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { EVIDENCE_READERS } from '@rag-ledger/contract';
import { Roles } from '../auth/decorators';
import { ReadResponses } from '../common/api-docs';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { PeriodQueryDto } from '../common/period-query.dto';
import { GetEvidencePackQuery } from './queries/get-evidence-pack.query';
import { renderEvidenceCsv } from './render/evidence-csv';
import { renderEvidenceHtml } from './render/evidence-html';

class EvidenceQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'html'], default: 'html' })
  @IsOptional()
  @IsIn(['csv', 'html'], { message: 'format must be csv or html' })
  format?: 'csv' | 'html';
}

@ApiTags('audit')
@Controller('plans/:planId/evidence')
export class EvidenceController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...EVIDENCE_READERS)
  @ApiOperation({
    summary: 'An evidence pack to file: CSV (one row per event) or a printable HTML report with the board as at the end date, the changes and a stamp of log position and chain head',
  })
  @ApiProduces('text/csv', 'text/html')
  @ReadResponses('time,actor,role,action ref,action title,change,reason\r\n2014-01-10T09:12:00.000Z,Andrea Brown,owner,1.1.1,Map the journey of the child,RAG A -> R,Workshops cancelled\r\n')
  async evidence(
    @Param('planId', ParseIdPipe) planId: string,
    @Query() query: EvidenceQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const pack = await this.queries.execute(new GetEvidencePackQuery(planId, query.from, query.to));
    response.setHeader('X-Log-Position', String(pack.stamp.position ?? ''));
    response.setHeader('X-Chain-Head', pack.stamp.chainHead ?? '');
    // Named by the UK days it covers: in summer a day's first instant is the evening before in UTC.
    const name = `evidence-${planId}-${pack.period.fromDay ?? 'start'}-to-${pack.period.toDay}`;
    if (query.format === 'csv') {
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
      return renderEvidenceCsv(pack);
    }
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    // A self-contained report: its own inline styles, nothing else may run or load, and no
    // other site may frame it (default-src does not cover frame-ancestors, so it is named).
    response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    response.setHeader('Content-Disposition', `inline; filename="${name}.html"`);
    return renderEvidenceHtml(pack);
  }
}
