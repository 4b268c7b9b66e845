import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SCHOOL_OFFICERS } from '@rag-ledger/contract';
import {
  categorySchemeDecider, DIRECTORY_ID, evolveSchool, NothingToReviseError, peopleDecider, schoolDecider, schoolStream, type Decider, type SchoolCommand, type SchoolEvent, type SchoolState,
} from '@rag-ledger/domain';
import { readStreamOrEmpty } from '@rag-ledger/event-store';
import { WritePath } from '@rag-ledger/write-path';
import type { CommandContext } from '../../common/command-context';
import { PersonNotInDirectoryError } from '../person-not-in-directory.error';
import { schoolWriteContextOf } from '../school-write-context';

/** A school command as the API receives it: the scheme a categorisation or a stage names is read here. */
type WithoutScheme<C> = C extends { scheme: unknown } ? Omit<C, 'scheme'> : C;
export type SchoolChange = WithoutScheme<SchoolCommand>;

export type SchoolChangeResult = { urn: string; revision: number; position: number; noticeId?: string; visitId?: string };

/**
 * One request's changes to one school, decided in turn on the state each leaves (an
 * improvement plan received and evaluated in one request is two events in one append).
 */
const schoolChangesDecider: Decider<SchoolState, SchoolCommand[], SchoolEvent> = {
  ...schoolDecider,
  decide: (commands, state) => {
    const events: SchoolEvent[] = [];
    let current = state;
    for (const command of commands) {
      const decided = schoolDecider.decide(command, current);
      events.push(...decided);
      current = decided.reduce(evolveSchool, current);
    }
    // The national list's refresh may find nothing new (the import says so); a person asking to change what is already there is told.
    if (events.length === 0) throw new NothingToReviseError("the school's record");
    return events;
  },
};

export class RecordSchoolChangeCommand extends Command<SchoolChangeResult> {
  constructor(
    readonly urn: string,
    readonly changes: SchoolChange[],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordSchoolChangeCommand)
export class RecordSchoolChangeHandler implements ICommandHandler<RecordSchoolChangeCommand, SchoolChangeResult> {
  constructor(private readonly writePath: WritePath) {}

  async execute({ urn, changes, context }: RecordSchoolChangeCommand): Promise<SchoolChangeResult> {
    const commands = await Promise.all(changes.map((change) => this.complete(change)));
    const result = await this.writePath.handle(schoolChangesDecider, urn, commands, schoolWriteContextOf(context, SCHOOL_OFFICERS), {
      // What the caller asked, without the schemes read for the rules.
      request: { urn, changes },
    });
    return { urn, revision: result.revision, position: result.position, ...(await this.madeId(urn, changes, result.revision)) };
  }

  /** The command with what its rules need from other streams; an officer named by personId must be in the directory. */
  private async complete(change: SchoolChange): Promise<SchoolCommand> {
    if (change.type === 'CategoriseSchool' || change.type === 'ChangeInterventionStage') {
      const { state: scheme } = await this.writePath.stateOf(categorySchemeDecider, change.data.scheme);
      return { ...change, scheme };
    }
    if (change.type === 'AssignOfficer' && change.data.personId !== undefined) {
      const { state: directory } = await this.writePath.stateOf(peopleDecider, DIRECTORY_ID);
      if (!directory.people.has(change.data.personId)) throw new PersonNotInDirectoryError(change.data.personId);
    }
    return change;
  }

  /**
   * The id a notice or a visit was given (the next free one, when the caller gave none): read
   * from the event at the revision answered, which is this request's (or, for a repeat under
   * the same Idempotency-Key, the first request's).
   */
  private async madeId(urn: string, changes: SchoolChange[], revision: number): Promise<Pick<SchoolChangeResult, 'noticeId' | 'visitId'>> {
    const type = changes.length === 1 ? changes[0].type : undefined;
    if (type !== 'IssueWarningNotice' && type !== 'RecordVisit') return {};
    const [event] = await readStreamOrEmpty(this.writePath.store, schoolStream(urn), { fromRevision: BigInt(revision), maxCount: 1 });
    const data = (event?.data ?? {}) as { noticeId?: string; visitId?: string };
    return type === 'IssueWarningNotice' ? { noticeId: data.noticeId } : { visitId: data.visitId };
  }
}
