interface Entry {
  evolve: unknown;
  revision: bigint;
  state: unknown;
}

/** Streams whose state is kept: far more than a council's actions, and a few MB at most. */
export const STREAM_STATE_CACHE_CAPACITY = 20_000;

/**
 * The folded state of recently commanded streams, so a command need not read and fold its
 * whole stream each time. An entry is only a starting point, never the truth: the executor
 * still reads every event after the entry's revision from the store (usually none: one index
 * probe), so changes made by another process or node are never missed, and the append's
 * expected revision still refuses a lost race. States are immutable (evolve returns new ones).
 */
export class StreamStates {
  private readonly entries = new Map<string, Entry>();
  private capacity = STREAM_STATE_CACHE_CAPACITY;

  static withCapacity<T extends StreamStates>(this: new () => T, capacity: number): T {
    const cache = new this();
    cache.capacity = capacity;
    return cache;
  }

  /** The state at `revision`, if it was folded by this same evolve function. */
  get<State>(streamId: string, evolve: unknown): { revision: bigint; state: State } | undefined {
    const entry = this.entries.get(streamId);
    if (!entry || entry.evolve !== evolve) return undefined;
    // Most recently used last, so the oldest is evicted first.
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return { revision: entry.revision, state: entry.state as State };
  }

  set(streamId: string, evolve: unknown, revision: bigint, state: unknown): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, { evolve, revision, state });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }

  get size(): number {
    return this.entries.size;
  }
}
