import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SCHOOL_OFFICERS, type SchoolType } from '@rag-ledger/contract';
import { foldEvents, schoolDecider, schoolStream, type SchoolEvent } from '@rag-ledger/domain';
import { NO_STREAM, readStreamOrEmpty, WrongExpectedVersionError, type RecordedEvent } from '@rag-ledger/event-store';
import { IdempotencyKeyReusedError, keyedEventId, PartialWriteError, RevisionMismatchError, sameRequest, WritePath, type StreamAppendRequest } from '@rag-ledger/write-path';
import type { CommandContext } from '../../common/command-context';
import { schoolWriteContextOf } from '../school-write-context';
import { SuccessorOfAnotherSchoolError } from '../successor-of-another-school.error';
import type { SchoolChangeResult } from './record-school-change.command';

export interface ConversionData {
  successorUrn: string;
  convertedOn: string;
  reason: string;
  /** For the academy, when it is registered by this request. */
  name?: string;
  type?: SchoolType;
  trust?: string;
}

export type ConversionResult = SchoolChangeResult & { successorUrn: string; successorRegistered: boolean };

/** Without If-Match a lost race is decided again on the new state; the bound only stops a livelock. */
const MAX_ATTEMPTS = 20;

export class ConvertSchoolCommand extends Command<ConversionResult> {
  constructor(
    readonly urn: string,
    readonly data: ConversionData,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * A school becomes an academy: SchoolConverted on the school and, when the academy's URN is
 * not yet in the register, SchoolRegistered for it (continuing this school: predecessorUrn,
 * opened on the conversion day, the phase and district copied), in ONE append over the two
 * streams with one causation id (all or nothing on the embedded store).
 *
 * On a store that writes stream by stream (EventStoreDB) the academy is written first: if the
 * conversion then fails, the academy stands registered as this school's successor, and the
 * same request again (with or without its Idempotency-Key) finds it and writes only the
 * conversion. A lost race on either stream is decided again, as the write path does.
 */
@CommandHandler(ConvertSchoolCommand)
export class ConvertSchoolHandler implements ICommandHandler<ConvertSchoolCommand, ConversionResult> {
  constructor(private readonly writePath: WritePath) {}

  async execute({ urn, data, context }: ConvertSchoolCommand): Promise<ConversionResult> {
    const write = schoolWriteContextOf(context, SCHOOL_OFFICERS);
    const key = write.idempotencyKey;
    const identity = this.writePath.identify(write, { streamId: schoolStream(urn), request: { type: 'ConvertSchool', urn, ...data } });
    const idFor = (index: number) => (key === undefined ? randomUUID() : keyedEventId(write.actor.id, key, index));
    const store = this.writePath.store;

    for (let attempt = 1; ; attempt++) {
      const history = await readStreamOrEmpty(store, schoolStream(urn));
      if (key !== undefined) {
        // A repeat under the same key: the conversion it wrote is the answer.
        const earlier = history.find((e) => e.id === idFor(0));
        if (earlier) {
          if (!sameRequest(earlier.metadata, identity.fingerprint as string)) throw new IdempotencyKeyReusedError();
          const [academyFirst] = await readStreamOrEmpty(store, schoolStream(data.successorUrn), { maxCount: 1 });
          return { urn, revision: Number(earlier.revision), position: Number(earlier.position), successorUrn: data.successorUrn, successorRegistered: academyFirst?.id === idFor(1) };
        }
      }
      const current = history.length === 0 ? undefined : history[history.length - 1].revision;
      const school = foldEvents(schoolDecider, eventsOf(history));
      if (write.expectedRevision !== undefined && write.expectedRevision !== current) throw new RevisionMismatchError(write.expectedRevision, current);
      const converted = schoolDecider.decide({ type: 'ConvertSchool', data: { urn, successorUrn: data.successorUrn, convertedOn: data.convertedOn, reason: data.reason } }, school);
      if (!school.exists) throw new Error('unreachable: the rules refuse a school not in the register');

      const successorHistory = await readStreamOrEmpty(store, schoolStream(data.successorUrn));
      const successor = foldEvents(schoolDecider, eventsOf(successorHistory));
      const metadata = this.writePath.metadata(write, identity);
      const appends: StreamAppendRequest[] = [];
      if (!successor.exists) {
        const registered = schoolDecider.decide(
          {
            type: 'RegisterSchool',
            data: {
              urn: data.successorUrn,
              name: data.name ?? school.name,
              phase: school.phase,
              type: data.type ?? 'academy-converter',
              district: school.district,
              trust: data.trust,
              openedOn: data.convertedOn,
              predecessorUrn: urn,
            },
          },
          successor,
        );
        appends.push({ streamId: schoolStream(data.successorUrn), expectedRevision: NO_STREAM, events: registered.map((e) => ({ id: idFor(1), type: e.type, data: e.data, metadata })) });
      } else if (successor.predecessorUrn !== undefined && successor.predecessorUrn !== urn) {
        throw new SuccessorOfAnotherSchoolError(data.successorUrn, successor.predecessorUrn);
      }
      // An academy already registered (from the national list, say) with no predecessor is not
      // changed: predecessorUrn is set only on registration, so the link is the conversion's
      // successorUrn alone, which the register reads both ways.
      appends.push({ streamId: schoolStream(urn), expectedRevision: current ?? NO_STREAM, events: converted.map((e) => ({ id: idFor(0), type: e.type, data: e.data, metadata })) });

      try {
        const results = await this.writePath.appendMany(appends, write);
        const last = results[results.length - 1];
        return { urn, revision: Number(last.nextExpectedRevision), position: Number(last.position), successorUrn: data.successorUrn, successorRegistered: appends.length === 2 };
      } catch (error) {
        const cause = error instanceof PartialWriteError ? error.cause : error;
        if (!(cause instanceof WrongExpectedVersionError)) throw error;
        // If-Match is about this school's stream; a race on the academy's is decided again.
        if (write.expectedRevision !== undefined && cause.streamName === schoolStream(urn)) throw new RevisionMismatchError(write.expectedRevision, cause.actualVersion);
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}

const eventsOf = (history: RecordedEvent[]): SchoolEvent[] => history.map((e) => ({ type: e.type, data: e.data }) as SchoolEvent);
