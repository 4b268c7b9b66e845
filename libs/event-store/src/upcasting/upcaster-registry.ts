import type { EventData, RecordedEvent } from '../event-store.port';

/**
 * Events keep the shape they were written in: the log is never rewritten (its hash chain
 * covers what was stored). When an event's shape changes, its type's schema version goes up
 * and an upcaster turns the data of the version before into the new shape; the store applies
 * them on every read it is given a registry for, so commands, projections, as-of reads,
 * evidence packs and replays all see the current shape only.
 *
 * The version is kept in the event's metadata, `schemaVersion`, rather than in a column:
 * EventStoreDB has no columns, metadata travels with the event through a migration, and a log
 * written before versions existed needs no migration (no `schemaVersion` means 1). Only events
 * of a type whose current version is above 1 are stamped when appended, so every event of a
 * type that never changed shape is stored exactly as before.
 */
export const SCHEMA_VERSION = 'schemaVersion';

/** One step: the data of `type` at `fromVersion`, as version `fromVersion + 1` has it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an old shape is whatever was stored; each upcaster names its own
export interface Upcaster<Type extends string = string, From = any, To = unknown> {
  type: Type;
  fromVersion: number;
  /** Pure: the stored data and metadata are never changed, a new value is returned. */
  upcast(data: From, metadata: Readonly<Record<string, unknown>>): To;
}

/** The schema version an event was written in: `schemaVersion` in its metadata, 1 when absent. */
export function schemaVersionOf(metadata: unknown): number {
  const version = (metadata as Record<string, unknown> | null | undefined)?.[SCHEMA_VERSION];
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : 1;
}

export class UpcasterRegistry {
  private readonly steps = new Map<string, Map<number, Upcaster>>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  /** Adds a step; a second one for the same type and version is a programming error. */
  register(upcaster: Upcaster): this {
    if (!Number.isInteger(upcaster.fromVersion) || upcaster.fromVersion < 1) {
      throw new Error(`An upcaster of ${upcaster.type} must start from a whole version of 1 or more, not ${upcaster.fromVersion}`);
    }
    let byVersion = this.steps.get(upcaster.type);
    if (!byVersion) this.steps.set(upcaster.type, (byVersion = new Map()));
    if (byVersion.has(upcaster.fromVersion)) throw new Error(`${upcaster.type} already has an upcaster from version ${upcaster.fromVersion}`);
    byVersion.set(upcaster.fromVersion, upcaster);
    return this;
  }

  /** The version events of this type are written in now: one past its last upcaster, or 1. */
  currentVersion(type: string): number {
    const byVersion = this.steps.get(type);
    return byVersion ? Math.max(...byVersion.keys()) + 1 : 1;
  }

  /**
   * The event in the current shape of its type, with `schemaVersion` saying so; the event
   * itself when it is current already (the same object: nothing is copied on the hot path).
   */
  upcast<E extends RecordedEvent>(event: E): E {
    if (this.steps.size === 0) return event;
    const byVersion = this.steps.get(event.type);
    if (!byVersion) return event;
    const current = this.currentVersion(event.type);
    let version = schemaVersionOf(event.metadata);
    if (version >= current) return event;
    const metadata = (event.metadata ?? {}) as Record<string, unknown>;
    let data: unknown = event.data;
    for (; version < current; version++) {
      const step = byVersion.get(version);
      if (!step) throw new Error(`${event.type} has no upcaster from version ${version} to ${version + 1} (event ${event.id} of ${event.streamId})`);
      data = step.upcast(data, metadata);
    }
    return { ...event, data, metadata: { ...metadata, [SCHEMA_VERSION]: current } };
  }

  /**
   * The event to append, stamped with its type's current version when that is above 1 and the
   * caller gave none: what the code appends is in the current shape. (A program copying stored
   * events, as the migration to EventStoreDB does, opens its target without a registry, so a
   * copy keeps the version of its original.)
   */
  stamp(event: EventData): EventData {
    if (this.steps.size === 0 || !this.steps.has(event.type)) return event;
    const metadata = (event.metadata ?? {}) as Record<string, unknown>;
    if (SCHEMA_VERSION in metadata) return event;
    return { ...event, metadata: { ...metadata, [SCHEMA_VERSION]: this.currentVersion(event.type) } };
  }
}
