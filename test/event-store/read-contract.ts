import { randomUUID } from 'node:crypto';
import {
  SCHEMA_VERSION,
  UpcasterRegistry,
  type EventStore,
  type RecordedEvent,
  type StreamFold,
} from '@rag-ledger/event-store';
import { collect, take } from './helpers';

/**
 * The port's reads that both adapters give alike: aggregateStream, typed reads, and upcasting
 * on every read with raw reads beside it. `open` connects to the same log each time within a
 * test, with or without an upcaster registry (the writer of old events had none).
 */
export type OpenLog = (upcasters?: UpcasterRegistry) => Promise<EventStore>;

/** A note, as an early version wrote it (v1: text only) and as it is now (v2: with its format). */
type NoteAddedV1 = { type: 'NoteAdded'; data: { text: string } };
type NoteAdded = { type: 'NoteAdded'; data: { text: string; format: 'plain' | 'markdown' } };
type NoteRemoved = { type: 'NoteRemoved'; data: { index: number } };
type NoteEvent = NoteAdded | NoteRemoved;

const notesV2 = {
  type: 'NoteAdded',
  fromVersion: 1,
  upcast: (data: NoteAddedV1['data']): NoteAdded['data'] => ({ ...data, format: 'plain' }),
};

/** The notes of a stream, by a decider's evolve/initialState. */
const notes: StreamFold<string[], NoteEvent> & { seen: NoteEvent[] } = {
  seen: [],
  initialState: () => [],
  evolve(state, event) {
    notes.seen.push(event);
    switch (event.type) {
      case 'NoteAdded':
        return [...state, `${event.data.format}:${event.data.text}`];
      case 'NoteRemoved':
        return state.filter((_, i) => i !== event.data.index);
    }
  },
};

export function describeReadContract(name: string, fixture: () => { open: OpenLog; cleanup?: () => Promise<void> }): void {
  describe(`reads of the port: ${name}`, () => {
    let f: ReturnType<typeof fixture>;
    const opened: EventStore[] = [];
    const open = async (upcasters?: UpcasterRegistry) => {
      const store = await f.open(upcasters);
      opened.push(store);
      return store;
    };
    beforeEach(() => {
      f = fixture();
      notes.seen = [];
    });
    afterEach(async () => {
      for (const store of opened.splice(0).reverse()) await store.close();
      await f.cleanup?.();
    });
    const stream = () => `notes-${randomUUID().replace(/-/g, '')}`;
    const added = (text: string, format?: string) => ({ type: 'NoteAdded', data: format ? { text, format } : { text }, metadata: { by: 'test' } });

    describe('aggregateStream', () => {
      it("folds the stream through evolve from initialState, answers the revision reached, and hands evolve only the event's type and data", async () => {
        const store = await open();
        const s = stream();
        await store.appendToStream(s, [added('one', 'plain'), added('two', 'markdown'), { type: 'NoteRemoved', data: { index: 0 } }]);
        const result = await store.aggregateStream(s, notes);
        expect(result).toEqual({ state: ['markdown:two'], revision: 2n });
        expect(notes.seen[0]).toEqual({ type: 'NoteAdded', data: { text: 'one', format: 'plain' } });
      });

      it('answers the initial state and no revision for a stream that has no events, not an error', async () => {
        const store = await open();
        expect(await store.aggregateStream(stream(), notes)).toEqual({ state: [], revision: undefined });
      });

      it('from a state already folded, reads and folds only the events after its revision', async () => {
        const store = await open();
        const s = stream();
        await store.appendToStream(s, [added('one', 'plain'), added('two', 'plain'), added('three', 'plain')]);
        const result = await store.aggregateStream(s, notes, { after: { state: ['cached'], revision: 1n } });
        expect(result).toEqual({ state: ['cached', 'plain:three'], revision: 2n });
        expect(notes.seen).toHaveLength(1);
        // Nothing after it: the state and revision given.
        expect(await store.aggregateStream(s, notes, { after: { state: ['all'], revision: 2n } })).toEqual({ state: ['all'], revision: 2n });
      });
    });

    describe('typed reads', () => {
      it('readStream<E> and readAll<E> yield events whose data narrows with their type', async () => {
        const store = await open();
        const s = stream();
        await store.appendToStream(s, [added('one', 'plain'), { type: 'NoteRemoved', data: { index: 0 } }]);
        const described: string[] = [];
        for await (const event of store.readStream<NoteEvent>(s)) {
          // Compiles only because `type` narrows `data` (RecordedEventOf is a union per type).
          described.push(event.type === 'NoteAdded' ? `${event.data.format}:${event.data.text}` : `removed ${event.data.index}`);
        }
        expect(described).toEqual(['plain:one', 'removed 0']);
        const all = (await collect(store.readAll<NoteEvent>())).filter((e) => e.streamId === s);
        expect(all.map((e) => e.type)).toEqual(['NoteAdded', 'NoteRemoved']);
      });
    });

    describe('upcasting', () => {
      /** A v1 note written by a program that knew no versions; read by one that knows v2. */
      async function oldNoteAndNewReader() {
        const writer = await open();
        const s = stream();
        await writer.appendToStream(s, added('written long ago'));
        const reader = await open(new UpcasterRegistry([notesV2]));
        return { s, writer, reader };
      }
      const v2 = { text: 'written long ago', format: 'plain' };

      it('reads a version-1 event in the current shape through readStream, readAll, subscribeToAll and aggregateStream', async () => {
        const { s, reader } = await oldNoteAndNewReader();
        const [fromStream] = await collect(reader.readStream(s));
        expect(fromStream.data).toEqual(v2);
        expect(fromStream.metadata).toMatchObject({ by: 'test', [SCHEMA_VERSION]: 2 });
        const fromAll = (await collect(reader.readAll())).find((e) => e.streamId === s) as RecordedEvent;
        expect(fromAll.data).toEqual(v2);
        const [fromSubscription] = await take(reader.subscribeToAll({ filter: { streamPrefixes: [s] } }), 1);
        expect(fromSubscription.data).toEqual(v2);
        expect((await reader.aggregateStream(s, notes)).state).toEqual(['plain:written long ago']);
      });

      it('gives the event as stored to a raw read, and to a store without the registry', async () => {
        const { s, writer, reader } = await oldNoteAndNewReader();
        const [raw] = await collect(reader.readStream(s, { raw: true }));
        expect(raw.data).toEqual({ text: 'written long ago' });
        expect(raw.metadata).not.toHaveProperty(SCHEMA_VERSION);
        expect((await collect(reader.readAll({ raw: true }))).find((e) => e.streamId === s)?.data).toEqual({ text: 'written long ago' });
        const [rawLive] = await take(reader.subscribeToAll({ filter: { streamPrefixes: [s] }, raw: true }), 1);
        expect(rawLive.data).toEqual({ text: 'written long ago' });
        expect((await collect(writer.readStream(s)))[0].data).toEqual({ text: 'written long ago' });
      });

      it('stamps what is appended with the current version, and never upcasts it again', async () => {
        const { s, reader } = await oldNoteAndNewReader();
        await reader.appendToStream(s, added('written now', 'markdown'));
        const [, stored] = await collect(reader.readStream(s, { raw: true }));
        expect(stored.metadata).toMatchObject({ [SCHEMA_VERSION]: 2 });
        const [, read] = await collect(reader.readStream(s));
        expect(read.data).toEqual({ text: 'written now', format: 'markdown' });
        // A type that never changed shape is stored and read as before: no version at all.
        await reader.appendToStream(s, { type: 'NoteRemoved', data: { index: 0 }, metadata: { by: 'test' } });
        const [, , removed] = await collect(reader.readStream(s));
        expect(removed.metadata).toEqual(expect.not.objectContaining({ [SCHEMA_VERSION]: expect.anything() }));
        expect(removed.data).toEqual({ index: 0 });
      });

      it('applies the steps in turn from the version stored to the current one', async () => {
        const writer = await open(new UpcasterRegistry([notesV2]));
        const s = stream();
        await writer.appendToStream(s, added('v2 note', 'markdown'));
        const v3 = new UpcasterRegistry([
          notesV2,
          { type: 'NoteAdded', fromVersion: 2, upcast: (data: NoteAdded['data']) => ({ body: data.text, format: data.format }) },
        ]);
        const raw = await open();
        await raw.appendToStream(s, added('v1 note'));
        const reader = await open(v3);
        expect((await collect(reader.readStream(s))).map((e) => [e.data, (e.metadata as Record<string, unknown>)[SCHEMA_VERSION]])).toEqual([
          [{ body: 'v2 note', format: 'markdown' }, 3],
          [{ body: 'v1 note', format: 'plain' }, 3],
        ]);
      });
    });
  });
}
