import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { EVIDENCE_READERS } from '@rag-ledger/contract';
import { Roles } from '../auth/decorators';
import { ReadResponses } from '../common/api-docs';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { PeriodQueryDto } from '../common/period-query.dto';
import type { EvidencePack } from './evidence-pack';
import { GetEvidencePackQuery } from './queries/get-evidence-pack.query';
import { GetEvidenceZipQuery } from './queries/get-evidence-zip.query';
import { renderEvidenceCsv } from './render/evidence-csv';
import { renderEvidenceHtml } from './render/evidence-html';

class EvidenceQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'html', 'zip'], default: 'html' })
  @IsOptional()
  @IsIn(['csv', 'html', 'zip'], { message: 'format must be csv, html or zip' })
  format?: 'csv' | 'html' | 'zip';
}

@ApiTags('audit')
@Controller('plans/:planId/evidence')
export class EvidenceController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...EVIDENCE_READERS)
  @ApiOperation({
    summary:
      'An evidence pack to file: CSV (one row per event), a printable HTML report with the board as at the end date, the changes, the evidence documents and a stamp of log position and chain head, or a ZIP of both with every evidence file still held, SHA256SUMS and manifest.json',
  })
  @ApiProduces('text/csv', 'text/html', 'application/zip')
  @ReadResponses('time,actor,role,action ref,action title,change,reason\r\n2014-01-10T09:12:00.000Z,Andrea Brown,owner,1.1.1,Map the journey of the child,RAG A -> R,Workshops cancelled\r\n')
  async evidence(
    @Param('planId', ParseIdPipe) planId: string,
    @Query() query: EvidenceQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string | StreamableFile> {
    const stamped = (pack: EvidencePack) => {
      response.setHeader('X-Log-Position', String(pack.stamp.position ?? ''));
      response.setHeader('X-Chain-Head', pack.stamp.chainHead ?? '');
      // Named by the UK days it covers: in summer a day's first instant is the evening before in UTC.
      return `evidence-${planId}-${pack.period.fromDay ?? 'start'}-to-${pack.period.toDay}`;
    };
    if (query.format === 'zip') {
      const { pack, zip } = await this.queries.execute(new GetEvidenceZipQuery(planId, query.from, query.to));
      const name = stamped(pack);
      response.setHeader('X-Content-Type-Options', 'nosniff');
      // A client that goes away half-way stops the ZIP, and with it the read of the file in progress.
      response.once('close', () => {
        if (!zip.readableEnded) zip.destroy();
      });
      // Streamed: a file that cannot be read to its end cuts the download off rather than ending it as if whole.
      return new StreamableFile(zip, { type: 'application/zip', disposition: `attachment; filename="${name}.zip"` });
    }
    const pack = await this.queries.execute(new GetEvidencePackQuery(planId, query.from, query.to));
    const name = stamped(pack);
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
