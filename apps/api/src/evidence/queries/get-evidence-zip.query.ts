import type { Readable } from 'node:stream';
import { Inject } from '@nestjs/common';
import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DOCUMENT_STORE, type DocumentStore } from '@rag-ledger/documents';
import { AuditTrailQueries } from '@rag-ledger/projections';
import type { EvidencePack } from '../evidence-pack';
import { evidenceZip } from '../zip/evidence-zip';
import { GetEvidencePackQuery } from './get-evidence-pack.query';

export class GetEvidenceZipQuery extends Query<{ pack: EvidencePack; zip: Readable }> {
  constructor(
    readonly planId: string,
    readonly from?: string,
    readonly to?: string,
  ) {
    super();
  }
}

/** The evidence pack with its files, as one ZIP streamed from the document store (see evidenceZip). */
@QueryHandler(GetEvidenceZipQuery)
export class GetEvidenceZipHandler implements IQueryHandler<GetEvidenceZipQuery, { pack: EvidencePack; zip: Readable }> {
  constructor(
    private readonly queries: QueryBus,
    private readonly audit: AuditTrailQueries,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  async execute({ planId, from, to }: GetEvidenceZipQuery): Promise<{ pack: EvidencePack; zip: Readable }> {
    const pack = await this.queries.execute(new GetEvidencePackQuery(planId, from, to));
    return { pack, zip: await evidenceZip(pack, this.documents, this.audit.evidenceErasures()) };
  }
}
