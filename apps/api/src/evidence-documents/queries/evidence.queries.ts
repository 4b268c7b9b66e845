import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EvidenceList, EvidenceView } from '@rag-ledger/contract';
import { ActionNotFoundError, BoardActionNotFoundError, EvidenceNotFoundError, MeasureNotFoundError, MilestoneNotFoundError } from '@rag-ledger/domain';
import { EvidenceDocumentsQueries, MeasuresQueries, MeetingsQueries, MilestonesQueries, RagBoardQueries, type EvidenceInclude } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';
import type { SubjectRef } from '../evidence-subjects';

/** The documents of an action, a measure or a milestone, now or as of an instant; 404 for a subject that did not exist then. */
export class ListEvidenceQuery extends Query<EvidenceList> {
  constructor(
    readonly subject: SubjectRef,
    readonly asOf: string | undefined,
    readonly include: EvidenceInclude,
  ) {
    super();
  }
}

@QueryHandler(ListEvidenceQuery)
export class ListEvidenceHandler implements IQueryHandler<ListEvidenceQuery, EvidenceList> {
  constructor(
    private readonly documents: EvidenceDocumentsQueries,
    private readonly board: RagBoardQueries,
    private readonly measures: MeasuresQueries,
    private readonly milestones: MilestonesQueries,
    private readonly meetings: MeetingsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ subject, asOf, include }: ListEvidenceQuery): Promise<EvidenceList> {
    const when = pointInTime(this.clock, asOf);
    if (subject.kind === 'action' && !this.board.getAction(subject.id, when)) throw new ActionNotFoundError(subject.id);
    if (subject.kind === 'measure' && !this.measures.getMeasure(subject.id, when)) throw new MeasureNotFoundError(subject.id);
    if (subject.kind === 'milestone' && !this.milestones.getMilestone(subject.id, when)) throw new MilestoneNotFoundError(subject.id);
    if (subject.kind === 'boardAction' && !this.meetings.boardAction(subject.id, when)) throw new BoardActionNotFoundError(subject.id);
    return {
      asOf: when.instant,
      subject: subjectView(subject),
      documents: this.documents.forSubject(subject, when, include),
    };
  }
}

function subjectView(subject: SubjectRef): EvidenceList['subject'] {
  switch (subject.kind) {
    case 'action':
      return { kind: 'action', actionId: subject.id };
    case 'measure':
      return { kind: 'measure', measureId: subject.id };
    case 'milestone':
      return { kind: 'milestone', milestoneId: subject.id };
    case 'boardAction':
      return { kind: 'boardAction', boardActionId: subject.id };
  }
}

/** One document as it is now: 404 for an id never attached. */
export class GetEvidenceDocumentQuery extends Query<EvidenceView> {
  constructor(readonly documentId: string) {
    super();
  }
}

@QueryHandler(GetEvidenceDocumentQuery)
export class GetEvidenceDocumentHandler implements IQueryHandler<GetEvidenceDocumentQuery, EvidenceView> {
  constructor(private readonly documents: EvidenceDocumentsQueries) {}

  async execute({ documentId }: GetEvidenceDocumentQuery): Promise<EvidenceView> {
    const document = this.documents.document(documentId);
    if (!document) throw new EvidenceNotFoundError(documentId);
    return document;
  }
}
