import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import type { MeetingPack } from '@rag-ledger/contract';
import { ReadResponses } from '../../common/api-docs';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ReadQueryDto } from '../../common/read-query.dto';
import { GetMeetingPackQuery } from './get-meeting-pack.query';
import { renderPackHtml } from './render/pack-html';
import { PACK_FORMATS, renderMeetingPack, type PackFormat } from './render/render-pack';

class MeetingPackQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: PACK_FORMATS, default: 'html' })
  @IsOptional()
  @IsIn(PACK_FORMATS, { message: `format must be ${PACK_FORMATS.slice(0, -1).join(', ')} or ${PACK_FORMATS[PACK_FORMATS.length - 1]}` })
  format?: PackFormat;
}

/** The same policy as the evidence report: its own inline styles, nothing else may run or load, and no other site may frame it. */
export const PACK_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const PACK_EXAMPLE = {
  meeting: { id: 'ib-2014-03', boardId: 'ib', date: '2014-03-12', title: 'Improvement Board, March 2014', papersDueOn: '2014-03-05', scheduledAt: '2014-01-20T10:00:00.000Z' },
  board: { id: 'ib', name: "Children's Services Improvement Board", kind: 'improvement', members: ['Independent Chair', 'DCS'] },
  stamp: {
    position: 1042, head: '9f2c4e1a7b3d5f60818293a4b5c6d7e8f9011223344556677889900aabbccdde', issuedAt: '2014-03-05T10:15:00.000Z',
    issuedBy: { id: 'jd', name: 'Board Secretary', role: 'board' }, planIds: ['SIP'], measureIds: ['SIP.M.visits'],
    previous: { meetingId: 'ib-2014-02', position: 977, issuedAt: '2014-02-05T10:00:00.000Z' },
  },
  overview: '…', plans: '…', exceptions: '…', changes: '…', measures: '…', trends: '…', boardActions: '…',
  generatedAt: '2014-03-12T09:00:00.000Z',
};

@ApiTags('meetings')
@Controller('meetings/:meetingId/pack')
export class MeetingPackController {
  constructor(private readonly queries: QueryBus) {}

  // Every role that reads plans reads packs (board members above all): no @Roles, so PLAN_READERS.
  @Get()
  @ApiOperation({
    summary:
      "The pack a meeting was issued, exactly as issued: drawn from the log up to its stamp (the cross-plan board, each plan's board, exceptions worst first, the changes since the previous pack, the measures, the trends and the board's action log); printable HTML (default), PDF, Word (docx) or JSON, with the stamp in X-Log-Position and X-Chain-Head",
  })
  @ApiProduces('text/html', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/json')
  @ReadResponses(PACK_EXAMPLE)
  async pack(
    @Param('meetingId', ParseIdPipe) meetingId: string,
    @Query() query: MeetingPackQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MeetingPack | string | StreamableFile> {
    const pack = await this.queries.execute(new GetMeetingPackQuery(meetingId));
    response.setHeader('X-Log-Position', String(pack.stamp.position));
    response.setHeader('X-Chain-Head', pack.stamp.head ?? '');
    const name = `pack-${meetingId}`;
    const format = query.format ?? 'html';
    if (format === 'json') {
      response.setHeader('Content-Disposition', `inline; filename="${name}.json"`);
      return pack;
    }
    if (format === 'html') {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.setHeader('Content-Security-Policy', PACK_HTML_CSP);
      response.setHeader('Content-Disposition', `inline; filename="${name}.html"`);
      return renderPackHtml(pack);
    }
    const rendered = await renderMeetingPack(pack, format);
    // A PDF opens in the browser; a Word document is saved, as councils circulate it.
    const disposition = format === 'pdf' ? 'inline' : 'attachment';
    response.setHeader('X-Content-Type-Options', 'nosniff');
    const body = typeof rendered.body === 'string' ? Buffer.from(rendered.body, 'utf8') : rendered.body;
    return new StreamableFile(body, { type: rendered.contentType, disposition: `${disposition}; filename="${name}.${rendered.extension}"`, length: body.length });
  }
}
