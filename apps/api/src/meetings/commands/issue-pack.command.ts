import { Inject, ServiceUnavailableException } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { boardDecider, MeetingNotFoundError, meetingDecider, PackAlreadyIssuedError } from '@rag-ledger/domain';
import { BACKWARDS, END, EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { MeasuresQueries, MeetingsQueries, PROJECTED_STREAM_PREFIXES, ProjectionRunner } from '@rag-ledger/projections';
import { WritePath } from '@rag-ledger/write-path';
import { hashAt } from '../../audit/log-stamp';
import { CLOCK, type Clock } from '../../common/clock';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { READ_YOUR_WRITES_TIMEOUT_MS } from '../../common/read-your-writes.interceptor';
import { writeContextOf } from '../../common/write-context-of';
import { LogSealer } from '../../seals/log-sealer';

/** POST /api/meetings/:id/pack: the stamp the pack is frozen at, and where its event went. */
export interface IssuedPack extends CommandResult {
  meetingId: string;
  /** The log position the pack shows the log up to (the log's last event when it was issued). */
  position: number;
  head: string | null;
  issuedAt: string;
  /** The position of the PackIssued event itself (use it as minPosition). */
  eventPosition: number;
}

export class IssuePackCommand extends Command<IssuedPack> {
  constructor(
    readonly meetingId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Issuing freezes the pack: the stamp is read from the log at this moment (its last position
 * and the chain's value there, sealed first), with the board's plans, their measures and the board's previous
 * issued pack. The read models are first brought up to that position, so the measures and the
 * previous pack read from them are the log's as far as the stamp.
 */
@CommandHandler(IssuePackCommand)
export class IssuePackHandler implements ICommandHandler<IssuePackCommand, IssuedPack> {
  constructor(
    private readonly writePath: WritePath,
    private readonly runner: ProjectionRunner,
    private readonly measures: MeasuresQueries,
    private readonly meetings: MeetingsQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sealer: LogSealer,
  ) {}

  async execute({ meetingId, context }: IssuePackCommand): Promise<IssuedPack> {
    const write = writeContextOf(context);
    const { state: meeting } = await this.writePath.stateOf(meetingDecider, meetingId);
    if (!meeting.exists) throw new MeetingNotFoundError(meetingId);
    // A repeat under the same Idempotency-Key answers the pack it issued; any other second issue is refused.
    if (meeting.pack && write.idempotencyKey === undefined) throw new PackAlreadyIssuedError(meeting.id, meeting.pack.issuedAt);
    const { state: board } = await this.writePath.stateOf(boardDecider, meeting.boardId);
    const planIds = board.exists ? board.planIds : [];

    const position = Number((await this.store.headPosition()) ?? 0n);
    await this.catchUp(position);
    const measureIds = planIds.flatMap((planId) => this.measures.planMeasures(planId).map((m) => m.id));
    const last = this.meetings.lastIssuedMeeting(meeting.boardId);
    const previous = last?.pack && last.id !== meeting.id ? { meetingId: last.id, position: last.pack.position, issuedAt: last.pack.issuedAt } : null;
    // Sealed up to the stamp before PackIssued is written, so the stamp is evidence on every store
    // (EventStoreDB keeps no chain: its hash there is this seal's).
    // A repeat under the same key answers the first stamp, which was sealed then: nothing to seal again.
    if (position > 0 && !meeting.pack) await this.sealer.seal('pack', write, position);
    const stamp = { meetingId, position, head: position > 0 ? await hashAt(this.store, position) : null, issuedAt: this.clock.now().toISOString(), planIds, measureIds, previous };

    const result = await this.writePath.handle(meetingDecider, meetingId, { type: 'IssuePack', data: stamp }, write, {
      // A repeat asks the same (issue this meeting's pack), though the stamp read for it moved on.
      request: { type: 'IssuePack', meetingId },
    });
    // The stamp written: this one, or under a repeated key the first request's.
    const { state: after } = await this.writePath.stateOf(meetingDecider, meetingId);
    const issued = after.exists && after.pack ? after.pack : { ...stamp, boardId: meeting.boardId };
    return { ...result, meetingId, position: issued.position, head: issued.head, issuedAt: issued.issuedAt, eventPosition: result.position };
  }

  /** Waits until the read models have applied the last event they read at or before the position. */
  private async catchUp(position: number): Promise<void> {
    let target = 0n;
    for await (const event of this.store.readAll({ fromPosition: END, direction: BACKWARDS })) {
      if (event.position > BigInt(position)) continue;
      if (PROJECTED_STREAM_PREFIXES.some((prefix) => event.streamId.startsWith(prefix))) {
        target = event.position;
        break;
      }
    }
    if (!(await this.runner.waitFor(target, READ_YOUR_WRITES_TIMEOUT_MS))) {
      throw new ServiceUnavailableException('The pack cannot be issued yet: the boards have not caught up with the log; retry shortly.');
    }
  }
}
