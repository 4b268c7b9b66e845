import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { EVIDENCE_READERS } from '@rag-ledger/contract';
import { parseStamp } from '@rag-ledger/event-store';
import { Roles } from '../auth/decorators';
import { ReadResponses } from '../common/api-docs';
import { toInstantBounds } from '../common/instant-bounds';
import { AuditQueryDto } from './dto/audit-query.dto';
import { VerifyQueryDto } from './dto/verify-query.dto';
import { GetAuditTrailQuery } from './queries/get-audit-trail.query';
import { VerifyChainQuery } from './queries/verify-chain.query';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('verify')
  @Roles(...EVIDENCE_READERS)
  @ApiOperation({
    summary:
      'Check the whole log: its chain recomputed, against the stored per-event hash chain and its gapless positions where the store keeps one (chain), and against every seal (seals: how many held, the latest, the events not yet sealed); every stored evidence file against the SHA-256 its event recorded, and with ?expect=<position>:<hash> (the stamp of an earlier pack) that the log still holds that event (auditor, admin)',
  })
  @ReadResponses(
    {
      ok: true,
      checked: 1042,
      head: '9f2c4e...64 hex digits',
      position: 1042,
      chain: 'checked',
      seals: { checked: 17, latest: { position: 1030, hash: '5d1e...64 hex digits' }, unsealedEvents: 11 },
      documents: { checked: 12, ok: true, firstProblem: null },
    },
    false,
  )
  @ApiResponse({
    status: 200,
    description: 'When the chain is broken (an edit, a gap in the positions): the first event that breaks it',
    schema: {
      example: {
        ok: false,
        checked: 17,
        broken: { streamId: 'action-SIP.PS.1.1.1', revision: 2, position: 18, reason: 'its content does not match its hash (the event was edited after it was written)' },
        documents: { checked: 3, ok: true, firstProblem: null },
      },
    },
  })
  @ApiResponse({
    status: 200,
    description: 'When a stored evidence file is missing or no longer has the bytes its EvidenceAttached event recorded: the first such file in log order',
    schema: {
      example: {
        ok: false,
        checked: 1042,
        head: '9f2c4e...64 hex digits',
        position: 1042,
        documents: {
          checked: 4,
          ok: false,
          firstProblem: {
            documentId: '3f1e…',
            fileName: 'Board minutes 2013-11.pdf',
            sha256: '5d1e...64 hex digits',
            position: 311,
            problem: 'changed',
            actual: '0b7c...64 hex digits',
            reason: 'the evidence file "Board minutes 2013-11.pdf" (document 3f1e…, attached at log position 311) has changed in the document store: its bytes now hash to 0b7c..., not 5d1e... as the log recorded',
          },
        },
      },
    },
  })
  @ApiResponse({
    status: 200,
    description: 'When the stamp of ?expect= does not hold: what is missing or different',
    schema: {
      example: {
        ok: false,
        checked: 40,
        head: '5d1e...64 hex digits',
        position: 40,
        stamp: { position: 42, hash: '9f2c...64 hex digits', holds: false, reason: 'the log ends at position 40; the stamp names position 42 with hash 9f2c..., so events 41-42 are missing' },
        documents: { checked: 3, ok: true, firstProblem: null },
      },
    },
  })
  verify(@Query() query: VerifyQueryDto) {
    return this.queries.execute(new VerifyChainQuery(query.expect === undefined ? undefined : parseStamp(query.expect)));
  }

  @Get()
  @ApiOperation({ summary: 'The audit trail, in log order, filtered and paged (pass nextCursor as cursor)' })
  @ReadResponses({
    items: [{ position: 1042, streamId: 'action-SIP.PS.1.1.1', revision: 2, eventId: '0b7c…', type: 'ActionRagChanged', at: '2013-11-12T10:04:00.000Z', actor: { id: 'ab', name: 'Andrea Brown', role: 'owner' }, planId: 'SIP', actionId: 'SIP.PS.1.1.1', data: { from: 'G', to: 'A' }, reason: 'Mapping workshops postponed to January', correlationId: 'req-1', causationId: 'cmd-1' }],
    nextCursor: null,
  }, false)
  trail(@Query() query: AuditQueryDto) {
    const { minPosition: _, from, to, ...filter } = query;
    return this.queries.execute(new GetAuditTrailQuery({ ...filter, ...toInstantBounds(from, to) }));
  }
}
