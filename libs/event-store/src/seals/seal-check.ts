import { StreamNotFoundError } from '../errors';
import { BACKWARDS, END, START, type EventStore, type RecordedEvent } from '../event-store.port';
import { readStreamOrEmpty } from '../read-stream-or-empty';
import { eventDigest, type ChainPoint, type SealStretch } from './seal-stretches';

/** Where the seals are: verify is told (this library does not know the contract's names). */
export interface SealsLocation {
  /** The stream of the seals (the contract's SEAL_STREAM). */
  stream: string;
  /** The type of a seal's event (`LogSealed`). */
  type: string;
}

/** What verify says of the seals: how many held, the latest that did, and how many events lie after it (not yet evidence). */
export interface SealsVerification {
  checked: number;
  latest: ChainPoint | null;
  /** Events after the latest seal, the seals' own events left out: no seal vouches for them yet. */
  unsealedEvents: number;
}

/** The first event a seal shows to be edited, deleted or inserted, or the seal itself when it is the one changed. */
export interface SealProblem {
  streamId: string;
  revision: number;
  position: number;
  reason: string;
}

interface RecordedSeal {
  data: SealStretch;
  streamId: string;
  revision: number;
  /** Where the seal's own event stands in the log. */
  position: number;
}

/** The seals as stored, in the order they were written (raw: what was sealed is what was stored). */
export async function readSeals(store: EventStore, where: SealsLocation): Promise<RecordedSeal[]> {
  const events = await readStreamOrEmpty(store, where.stream, { raw: true });
  return events
    .filter((event) => event.type === where.type)
    .map((event) => ({ data: event.data as SealStretch, streamId: event.streamId, revision: Number(event.revision), position: Number(event.position) }));
}

/**
 * The newest seal that covers the log no further than `position`: the chain's value there is its
 * hash, or continues from it. Read from the newest seal backwards and stopped there, so a stamp
 * printed on every board read does not read every seal the log has (each lists its events).
 */
export async function sealAtOrBefore(store: EventStore, where: SealsLocation, position: number): Promise<ChainPoint | null> {
  try {
    for await (const event of store.readStream(where.stream, { raw: true, direction: BACKWARDS, fromRevision: END })) {
      if (event.type !== where.type) continue;
      const sealed = event.data as SealStretch;
      if (sealed.position <= position) return { position: sealed.position, hash: sealed.hash };
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return null;
}

const point = (seal: ChainPoint | null) => (seal === null ? 'the log’s start' : `position ${seal.position} (hash ${seal.hash})`);

/**
 * Checks the log against its seals while verify walks it once, in order: each event must be the
 * next one some seal lists (else it was inserted, or the listed one deleted), each seal must
 * continue from the one before it, and the chain's value at a seal's position must be the hash it
 * recorded. When it is not, the stretch is read again to name the event whose digest changed.
 */
export class SealWalk {
  private sealIndex = 0;
  private eventIndex = 0;
  private latest: ChainPoint | null = null;
  private unsealed = 0;

  private constructor(
    private readonly store: EventStore,
    private readonly where: SealsLocation,
    private readonly seals: RecordedSeal[],
  ) {}

  static async start(store: EventStore, where: SealsLocation): Promise<SealWalk> {
    return new SealWalk(store, where, await readSeals(store, where));
  }

  /** The next event of the log, with the chain's value at it. */
  async step(event: RecordedEvent, link: string): Promise<SealProblem | undefined> {
    const seal = this.seals[this.sealIndex];
    const position = Number(event.position);
    if (!seal) {
      if (event.streamId !== this.where.stream) this.unsealed++;
      return undefined;
    }
    const listed = seal.data.events[this.eventIndex];
    if (!listed) return this.sealProblem(seal, 'it lists no events: the seal was edited');
    const [expected, digest] = listed;
    if (position < expected) {
      return {
        streamId: event.streamId,
        revision: Number(event.revision),
        position,
        reason: `the seal written at log position ${seal.position} does not list this event though it covers its position: the event was inserted after the log was sealed`,
      };
    }
    if (position > expected) return this.deleted(seal, expected, digest);
    this.eventIndex++;
    if (this.eventIndex < seal.data.events.length) return undefined;
    if (expected !== seal.data.position) return this.sealProblem(seal, `its last listed event is at position ${expected}, not at the position ${seal.data.position} it says it covers: the seal was edited`);
    const before = this.latest;
    const recorded = seal.data.previous ?? null;
    if ((recorded?.position ?? null) !== (before?.position ?? null) || (recorded?.hash ?? null) !== (before?.hash ?? null)) {
      return this.sealProblem(seal, `it continues from ${point(recorded)}, not from the seal before it (${point(before)}): the seals were rewritten`);
    }
    if (link !== seal.data.hash) {
      return (
        (await this.editedIn(seal, before)) ??
        this.sealProblem(seal, `it records the hash ${seal.data.hash} at position ${seal.data.position}, but the events it covers are unchanged and chain to ${link} there: the seal was edited`)
      );
    }
    this.latest = { position: seal.data.position, hash: seal.data.hash };
    this.sealIndex++;
    this.eventIndex = 0;
    return undefined;
  }

  /** The log has ended: any event a seal still lists was deleted. */
  end(): SealProblem | undefined {
    const seal = this.seals[this.sealIndex];
    const listed = seal?.data.events[this.eventIndex];
    return listed ? this.deleted(seal, listed[0], listed[1]) : undefined;
  }

  summary(): SealsVerification {
    return { checked: this.sealIndex, latest: this.latest, unsealedEvents: this.unsealed };
  }

  private deleted(seal: RecordedSeal, position: number, digest: string): SealProblem {
    // The log no longer has the event, so its stream and revision are the seal's, which names it.
    return {
      streamId: seal.streamId,
      revision: seal.revision,
      position,
      reason: `the log has no event at position ${position}, which the seal written at log position ${seal.position} lists (digest ${digest}): the event was deleted after the log was sealed`,
    };
  }

  private sealProblem(seal: RecordedSeal, why: string): SealProblem {
    return { streamId: seal.streamId, revision: seal.revision, position: seal.position, reason: `the seal at log position ${seal.position} does not hold: ${why}` };
  }

  /** The first event of the seal's stretch whose digest is not the one the seal lists. */
  private async editedIn(seal: RecordedSeal, before: ChainPoint | null): Promise<SealProblem | undefined> {
    const listed = new Map(seal.data.events);
    const from = before?.position ?? 0;
    for await (const event of this.store.readAll({ raw: true, fromPosition: before ? BigInt(before.position) : START })) {
      const position = Number(event.position);
      if (position <= from) continue;
      if (position > seal.data.position) break;
      const digest = eventDigest(event);
      if (listed.get(position) !== digest) {
        return {
          streamId: event.streamId,
          revision: Number(event.revision),
          position,
          reason: `its content is not what the seal written at log position ${seal.position} recorded (digest ${digest}, not ${listed.get(position)}): the event was edited after the log was sealed`,
        };
      }
    }
    return undefined;
  }
}
