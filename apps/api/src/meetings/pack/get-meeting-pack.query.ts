import { Inject, ServiceUnavailableException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MeetingPack } from '@rag-ledger/contract';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import {
  ChangesQueries,
  EvidenceDocumentsQueries,
  MeasuresQueries,
  MeetingsQueries,
  MilestonesQueries,
  PeopleQueries,
  ProjectionRunner,
  RagBoardQueries,
  SchoolsQueries,
  TrendsQueries,
} from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';
import { READ_YOUR_WRITES_TIMEOUT_MS } from '../../common/read-your-writes.interceptor';
import { LogSealer } from '../../seals/log-sealer';
import { composePack, type PackReaders } from './compose-pack';
import { readIssuedMeeting } from './issued-meeting';

export class GetMeetingPackQuery extends Query<MeetingPack> {
  constructor(readonly meetingId: string) {
    super();
  }
}

/** The pack a meeting was issued, drawn from the log up to its stamp (never from today's state). */
@QueryHandler(GetMeetingPackQuery)
export class GetMeetingPackHandler implements IQueryHandler<GetMeetingPackQuery, MeetingPack> {
  private readonly readers: PackReaders;

  constructor(
    board: RagBoardQueries,
    changes: ChangesQueries,
    measures: MeasuresQueries,
    milestones: MilestonesQueries,
    evidence: EvidenceDocumentsQueries,
    people: PeopleQueries,
    schools: SchoolsQueries,
    trends: TrendsQueries,
    meetings: MeetingsQueries,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sealer: LogSealer,
  ) {
    this.readers = { board, changes, measures, milestones, evidence, people, schools, trends, meetings };
  }

  async execute({ meetingId }: GetMeetingPackQuery): Promise<MeetingPack> {
    const issued = await readIssuedMeeting(this.store, meetingId);
    // The read models must hold the log up to the stamp, or the pack would miss its last changes.
    if (!(await this.runner.waitFor(BigInt(issued.stamp.position), READ_YOUR_WRITES_TIMEOUT_MS))) {
      throw new ServiceUnavailableException(`The boards have not caught up with position ${issued.stamp.position}, where this pack was issued, yet; retry shortly.`);
    }
    const seal = issued.stamp.position > 0 ? await this.sealer.covering(issued.stamp.position) : null;
    return composePack(this.readers, issued, this.clock.now().toISOString(), seal);
  }
}
