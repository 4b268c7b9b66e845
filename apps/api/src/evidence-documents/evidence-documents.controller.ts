import { pipeline } from 'node:stream/promises';
import { applyDecorators, Body, Controller, ForbiddenException, GoneException, HttpCode, HttpStatus, Inject, InternalServerErrorException, Param, Post, Query, Req, Res, Get } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { EvidenceAttachedAnswer, EvidenceList, EvidenceView } from '@rag-ledger/contract';
import { DOCUMENT_STORE, type DocumentStore } from '@rag-ledger/documents';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { assertMayReadHistory } from '../auth/time-travel';
import { CommandResponses, ReadResponses } from '../common/api-docs';
import { Ctx, type CommandContext } from '../common/command-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ReadQueryDto } from '../common/read-query.dto';
import { AttachEvidenceCommand } from './commands/attach-evidence.command';
import { ChangeEvidenceCommand } from './commands/change-evidence.command';
import { matchesIfNoneMatch, setDownloadHeaders } from './download-headers';
import { EraseEvidenceDto, EvidenceListQueryDto, WithdrawEvidenceDto } from './dto/evidence.dto';
import { mayReadWithdrawnEvidence, type SubjectRef } from './evidence-subjects';
import { GetEvidenceDocumentQuery, ListEvidenceQuery } from './queries/evidence.queries';

const SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const ATTACHED_EXAMPLE: EvidenceAttachedAnswer = { documentId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', fileName: 'Board minutes 12 Nov 2013.pdf', mediaType: 'application/pdf', size: 48213, sha256: SHA, position: 1043 };
const ACTOR = { id: 'ab', name: 'Andrea Brown', role: 'owner' };
const VIEW_EXAMPLE: EvidenceView = {
  ...ATTACHED_EXAMPLE, planId: 'SIP', subject: { kind: 'action', actionId: 'SIP.PS.1.1.1' }, description: 'Minutes of the board that re-established the MASH',
  state: 'held', attachedBy: ACTOR, attachedAt: '2013-11-21T09:00:00.000Z', withdrawn: null, erased: null, downloadable: true,
};
const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', format: 'binary', description: 'The document: PDF, Word, Excel, PowerPoint, OpenDocument, CSV, text, PNG, JPEG, .eml or .msg (the bytes decide)' },
      description: { type: 'string', maxLength: 2000, description: 'What it shows' },
    },
  },
};
const UploadErrors = () =>
  applyDecorators(
  ApiResponse({ status: 413, description: 'The file is over RAG_LEDGER_MAX_EVIDENCE_MB' }),
  ApiResponse({ status: 415, description: 'Not multipart/form-data, or the bytes are not a kind of evidence the tracker keeps' }),
  );

/**
 * Evidence documents: attached to an action (a measure's value, a milestone) by multipart upload, listed,
 * downloaded, withdrawn with a reason, erased by an admin. The upload is read by the command
 * (after the caller's right to the subject is known), never by a body parser.
 */
@ApiTags('evidence')
@Controller()
export class EvidenceDocumentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
  ) {}

  @Post('actions/:id/evidence')
  @HttpCode(HttpStatus.CREATED)
  @ApiResponse({ status: 201, description: 'Attached: the document, and the log position of its event', schema: { example: ATTACHED_EXAMPLE } })
  @ApiOperation({ summary: 'Attach a file to an action as evidence (admins, owners of its plan, the people named as its owners)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Send the same file again with the same key after a lost reply: the first answer comes back' })
  @CommandResponses(HttpStatus.CREATED)
  @UploadErrors()
  attachToAction(@Param('id', ParseIdPipe) actionId: string, @Req() request: Request, @Ctx() ctx: CommandContext): Promise<EvidenceAttachedAnswer> {
    return this.commands.execute(new AttachEvidenceCommand({ kind: 'action', id: actionId }, request, ctx));
  }

  @Post('measures/:id/evidence')
  @HttpCode(HttpStatus.CREATED)
  @ApiResponse({ status: 201, description: 'Attached: the document, and the log position of its event', schema: { example: { ...ATTACHED_EXAMPLE, fileName: 'Ofsted data view 2014.pdf' } } })
  @ApiOperation({ summary: "Attach a file to a measure as evidence, optionally for one period's value (admins, owners of its plan)" })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { ...UPLOAD_BODY.schema, properties: { ...UPLOAD_BODY.schema.properties, period: { type: 'string', description: 'A period with a value or target, e.g. 2014' } } } })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Send the same file again with the same key after a lost reply: the first answer comes back' })
  @CommandResponses(HttpStatus.CREATED)
  @UploadErrors()
  attachToMeasure(@Param('id', ParseIdPipe) measureId: string, @Req() request: Request, @Ctx() ctx: CommandContext): Promise<EvidenceAttachedAnswer> {
    return this.commands.execute(new AttachEvidenceCommand({ kind: 'measure', id: measureId }, request, ctx));
  }

  @Post('milestones/:id/evidence')
  @HttpCode(HttpStatus.CREATED)
  @ApiResponse({ status: 201, description: 'Attached: the document, and the log position of its event', schema: { example: { ...ATTACHED_EXAMPLE, fileName: 'Governor briefing register Sept 2013.pdf' } } })
  @ApiOperation({ summary: 'Attach a file to a milestone as evidence for its assessment (admins, owners of its plan, board members)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Send the same file again with the same key after a lost reply: the first answer comes back' })
  @CommandResponses(HttpStatus.CREATED)
  @UploadErrors()
  attachToMilestone(@Param('id', ParseIdPipe) milestoneId: string, @Req() request: Request, @Ctx() ctx: CommandContext): Promise<EvidenceAttachedAnswer> {
    return this.commands.execute(new AttachEvidenceCommand({ kind: 'milestone', id: milestoneId }, request, ctx));
  }

  @Post('board-actions/:id/evidence')
  @HttpCode(HttpStatus.CREATED)
  @ApiResponse({ status: 201, description: 'Attached: the document, and the log position of its event', schema: { example: { ...ATTACHED_EXAMPLE, fileName: 'Minutes January 2014.pdf' } } })
  @ApiOperation({ summary: "Attach a file to a board action as evidence of its response (admins, board members, owners, officers); it names no plan" })
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Send the same file again with the same key after a lost reply: the first answer comes back' })
  @CommandResponses(HttpStatus.CREATED)
  @UploadErrors()
  attachToBoardAction(@Param('id', ParseIdPipe) boardActionId: string, @Req() request: Request, @Ctx() ctx: CommandContext): Promise<EvidenceAttachedAnswer> {
    return this.commands.execute(new AttachEvidenceCommand({ kind: 'boardAction', id: boardActionId }, request, ctx));
  }

  @Get('actions/:id/evidence')
  @ApiOperation({ summary: "An action's evidence documents held now (or as of a date); ?include=all adds the withdrawn and erased ones" })
  @ReadResponses({ asOf: '2013-11-21T09:00:00.000Z', subject: VIEW_EXAMPLE.subject, documents: [VIEW_EXAMPLE] })
  listOfAction(@Param('id', ParseIdPipe) actionId: string, @Query() query: EvidenceListQueryDto, @CurrentPrincipal() principal: Principal): Promise<EvidenceList> {
    return this.list({ kind: 'action', id: actionId }, query, principal);
  }

  @Get('measures/:id/evidence')
  @ApiOperation({ summary: "A measure's evidence documents held now (or as of a date); ?include=all adds the withdrawn and erased ones" })
  @ReadResponses({ asOf: '2013-11-21T09:00:00.000Z', subject: { kind: 'measure', measureId: 'EDU.M.2.2' }, documents: [] })
  listOfMeasure(@Param('id', ParseIdPipe) measureId: string, @Query() query: EvidenceListQueryDto, @CurrentPrincipal() principal: Principal): Promise<EvidenceList> {
    return this.list({ kind: 'measure', id: measureId }, query, principal);
  }

  @Get('milestones/:id/evidence')
  @ApiOperation({ summary: "A milestone's evidence documents held now (or as of a date); ?include=all adds the withdrawn and erased ones" })
  @ReadResponses({ asOf: '2013-11-21T09:00:00.000Z', subject: { kind: 'milestone', milestoneId: 'EDU.M1' }, documents: [] })
  listOfMilestone(@Param('id', ParseIdPipe) milestoneId: string, @Query() query: EvidenceListQueryDto, @CurrentPrincipal() principal: Principal): Promise<EvidenceList> {
    return this.list({ kind: 'milestone', id: milestoneId }, query, principal);
  }

  @Get('board-actions/:id/evidence')
  @ApiOperation({ summary: "A board action's evidence documents held now (or as of a date); ?include=all adds the withdrawn and erased ones" })
  @ReadResponses({ asOf: '2014-02-18T09:00:00.000Z', subject: { kind: 'boardAction', boardActionId: 'CSIB-2014-01-21.1' }, documents: [] })
  listOfBoardAction(@Param('id', ParseIdPipe) boardActionId: string, @Query() query: EvidenceListQueryDto, @CurrentPrincipal() principal: Principal): Promise<EvidenceList> {
    return this.list({ kind: 'boardAction', id: boardActionId }, query, principal);
  }

  @Get('evidence/:documentId')
  @ApiOperation({ summary: 'The bytes of a document, as an attachment; withdrawn ones for the board, auditors, admins and the plan’s owners; 410 once erased' })
  @ApiProduces('application/octet-stream')
  @ReadResponses('<the bytes>')
  @ApiResponse({ status: 304, description: 'If-None-Match named the ETag (the SHA-256): you have these bytes' })
  @ApiResponse({ status: 410, description: 'The document was erased: its bytes are no longer kept' })
  async download(
    @Param('documentId', ParseIdPipe) documentId: string,
    @Query() _query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const document = await this.queries.execute(new GetEvidenceDocumentQuery(documentId));
    if (document.state === 'withdrawn' && !mayReadWithdrawnEvidence(principal, document.planId)) {
      const owners = document.planId === null ? '' : ` and the owners of plan "${document.planId}"`;
      throw new ForbiddenException(`"${document.fileName}" was withdrawn: withdrawn evidence is for the board, auditors, admins${owners}.`);
    }
    if (!document.downloadable) {
      const erasure = document.erased ? ` on ${document.erased.at.slice(0, 10)} (${document.erased.reason})` : ' with another document holding the same bytes';
      throw new GoneException(`"${document.fileName}" was erased${erasure}: its bytes are no longer kept. The record of it stays in the history.`);
    }
    setDownloadHeaders(response, document);
    if (matchesIfNoneMatch(request.headers['if-none-match'], document.sha256)) {
      response.status(HttpStatus.NOT_MODIFIED).end();
      return;
    }
    const bytes = await this.store.open(document.sha256);
    if (!bytes) {
      throw new InternalServerErrorException(`The bytes of "${document.fileName}" are missing from the document store: an administrator should run npm run verify.`);
    }
    response.setHeader('Content-Length', String(document.size));
    response.status(HttpStatus.OK);
    // A client that goes away mid-download ends the pipeline: nothing to answer then.
    await pipeline(bytes, response).catch(() => undefined);
  }

  @Post('evidence/:documentId/withdrawal')
  @HttpCode(HttpStatus.OK)
  @ApiResponse({ status: 200, description: 'Withdrawn: the document as it is now', schema: { example: { ...VIEW_EXAMPLE, state: 'withdrawn', withdrawn: { by: ACTOR, at: '2013-11-28T10:00:00.000Z', reason: 'The draft, not the minutes', position: 1050 } } } })
  @ApiOperation({ summary: 'Withdraw a document with a reason: it leaves the current view and stays in the history (admins and the subject’s owners)' })
  @CommandResponses(HttpStatus.OK)
  withdraw(@Param('documentId', ParseIdPipe) documentId: string, @Body() dto: WithdrawEvidenceDto, @Ctx() ctx: CommandContext): Promise<EvidenceView> {
    return this.commands.execute(new ChangeEvidenceCommand('withdraw', documentId, dto.reason, ctx));
  }

  @Post('evidence/:documentId/erasure')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiResponse({ status: 200, description: 'Erased: the document as it is now (its bytes gone)', schema: { example: { ...VIEW_EXAMPLE, state: 'erased', downloadable: false, erased: { by: { id: 'ada', name: 'Ada Admin', role: 'admin' }, at: '2013-12-02T10:00:00.000Z', reason: 'Names a child: safeguarding', position: 1060 } } } })
  @ApiOperation({ summary: 'Erase a document (safeguarding, data protection): the bytes are deleted, the record keeps its name, size and hash (admins)' })
  @CommandResponses(HttpStatus.OK)
  erase(@Param('documentId', ParseIdPipe) documentId: string, @Body() dto: EraseEvidenceDto, @Ctx() ctx: CommandContext): Promise<EvidenceView> {
    return this.commands.execute(new ChangeEvidenceCommand('erase', documentId, dto.reason, ctx));
  }

  private list(subject: SubjectRef, query: EvidenceListQueryDto, principal: Principal): Promise<EvidenceList> {
    assertMayReadHistory(principal, query.asOf);
    return this.queries.execute(new ListEvidenceQuery(subject, query.asOf, query.include ?? 'held'));
  }
}
