import type { PlanEvent } from '@rag-ledger/domain';
import type { RecordedEvent } from '@rag-ledger/event-store';
import { assertUnreachable, isActionEvent, isMeasureEvent, isPlanEvent, type RagBoardProjection } from '@rag-ledger/projections';

const recorded = (type: string): RecordedEvent => ({ streamId: 's', revision: 0n, position: 1n, id: 'e', type, data: {}, metadata: {}, created: new Date(0) });

describe("the projections' exhaustive checks", () => {
  it('make a switch that forgets an event type a compile error', () => {
    // ts-jest type-checks this file: if the switch below compiled without the forgotten case
    // being reported, the @ts-expect-error would itself be the error and the suite would fail.
    const title = (event: PlanEvent): string => {
      switch (event.type) {
        case 'PlanCreated':
          return event.data.title;
        case 'WorkstreamAdded':
          return event.data.title;
        case 'PlanVersionRefreshed':
          return event.data.title ?? '';
        default:
          // @ts-expect-error WorkstreamRevised is forgotten: the event here is not `never`
          return assertUnreachable(event);
      }
    };
    expect(title({ type: 'PlanCreated', data: { planId: 'SIP', kind: 'strategic', title: 'Strategic' } })).toBe('Strategic');
    expect(() => title({ type: 'WorkstreamRevised', data: { planId: 'SIP', workstreamId: 'W', changes: {}, reason: 'r' } })).toThrow('No case for the event "WorkstreamRevised"');
  });

  it("narrow recorded events to one feature's union by type, and keep out types no union has", () => {
    expect([isPlanEvent, isActionEvent, isMeasureEvent].map((is) => is(recorded('ActionRagChanged')))).toEqual([false, true, false]);
    expect([isPlanEvent, isActionEvent, isMeasureEvent].map((is) => is(recorded('WorkstreamAdded')))).toEqual([true, false, false]);
    expect([isPlanEvent, isActionEvent, isMeasureEvent].map((is) => is(recorded('PlansImported')))).toEqual([false, false, false]);
    const handles: RagBoardProjection['handles'] = ['PlanCreated'];
    expect(handles).toHaveLength(1);
  });
});
