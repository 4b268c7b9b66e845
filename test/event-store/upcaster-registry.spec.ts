import { SCHEMA_VERSION, schemaVersionOf, UpcasterRegistry, type RecordedEvent } from '@rag-ledger/event-store';

const recorded = (type: string, data: unknown, metadata: unknown = {}): RecordedEvent => ({
  streamId: 'notes-1', revision: 0n, position: 1n, id: 'e-1', type, data, metadata, created: new Date(0),
});

describe('UpcasterRegistry', () => {
  it('reads an absent, malformed or non-whole schemaVersion as version 1: logs written before versions need no migration', () => {
    expect(schemaVersionOf(undefined)).toBe(1);
    expect(schemaVersionOf({})).toBe(1);
    expect(schemaVersionOf({ [SCHEMA_VERSION]: '2' })).toBe(1);
    expect(schemaVersionOf({ [SCHEMA_VERSION]: 1.5 })).toBe(1);
    expect(schemaVersionOf({ [SCHEMA_VERSION]: 3 })).toBe(3);
  });

  it("knows each type's current version: one past its last upcaster, 1 for a type without", () => {
    const registry = new UpcasterRegistry()
      .register({ type: 'A', fromVersion: 1, upcast: (d) => d })
      .register({ type: 'A', fromVersion: 2, upcast: (d) => d });
    expect(registry.currentVersion('A')).toBe(3);
    expect(registry.currentVersion('B')).toBe(1);
  });

  it('refuses a second upcaster for the same step and a version that is not a whole number from 1', () => {
    const registry = new UpcasterRegistry([{ type: 'A', fromVersion: 1, upcast: (d) => d }]);
    expect(() => registry.register({ type: 'A', fromVersion: 1, upcast: (d) => d })).toThrow('A already has an upcaster from version 1');
    expect(() => registry.register({ type: 'A', fromVersion: 0, upcast: (d) => d })).toThrow('whole version of 1 or more');
  });

  it('says which step is missing rather than giving a half-upcast event', () => {
    const registry = new UpcasterRegistry([{ type: 'A', fromVersion: 2, upcast: (d) => d }]);
    expect(() => registry.upcast(recorded('A', {}))).toThrow('A has no upcaster from version 1 to 2 (event e-1 of notes-1)');
  });

  it('leaves the stored event untouched and gives the upcaster the metadata; a current event is returned as it is', () => {
    const seen: unknown[] = [];
    const registry = new UpcasterRegistry([{ type: 'A', fromVersion: 1, upcast: (d: { n: number }, m) => (seen.push(m), { n: d.n + 1 }) }]);
    const stored = recorded('A', { n: 1 }, { by: 'x' });
    expect(registry.upcast(stored)).toMatchObject({ data: { n: 2 }, metadata: { by: 'x', [SCHEMA_VERSION]: 2 } });
    expect(stored).toMatchObject({ data: { n: 1 }, metadata: { by: 'x' } });
    expect(seen).toEqual([{ by: 'x' }]);
    const current = recorded('A', { n: 5 }, { [SCHEMA_VERSION]: 2 });
    expect(registry.upcast(current)).toBe(current);
    const other = recorded('B', { n: 5 });
    expect(registry.upcast(other)).toBe(other);
  });

  it('stamps appends of a changed type with its current version, keeps a version the caller gave, and leaves other types alone', () => {
    const registry = new UpcasterRegistry([{ type: 'A', fromVersion: 1, upcast: (d) => d }]);
    expect(registry.stamp({ type: 'A', data: {}, metadata: { by: 'x' } }).metadata).toEqual({ by: 'x', [SCHEMA_VERSION]: 2 });
    expect(registry.stamp({ type: 'A', data: {} }).metadata).toEqual({ [SCHEMA_VERSION]: 2 });
    expect(registry.stamp({ type: 'A', data: {}, metadata: { [SCHEMA_VERSION]: 1 } }).metadata).toEqual({ [SCHEMA_VERSION]: 1 });
    const other = { type: 'B', data: {}, metadata: { by: 'x' } };
    expect(registry.stamp(other)).toBe(other);
  });
});
