import { Inject, Injectable } from '@nestjs/common';
import type { ReminderLogEntry } from '@rag-ledger/contract';
import { digestActionIds, meetingStream, type MeetingEvent } from '@rag-ledger/domain';
import { EVENT_STORE, readStreamOrEmpty, type EventStore } from '@rag-ledger/event-store';
import { MeetingsQueries } from '@rag-ledger/projections';

/**
 * Who was reminded of what, and when: read from the meetings' own streams (`RemindersSent`),
 * the record an auditor would replay, so the admin page shows exactly what was recorded.
 */
@Injectable()
export class ReminderLog {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly meetings: MeetingsQueries,
  ) {}

  /** Newest first; one entry per owner reminded. */
  async entries(meetingId?: string): Promise<ReminderLogEntry[]> {
    const ids = meetingId !== undefined ? [meetingId] : this.meetings.allMeetings().map((m) => m.id);
    const found: Array<ReminderLogEntry & { position: bigint }> = [];
    for (const id of ids) {
      for (const event of await readStreamOrEmpty<MeetingEvent>(this.store, meetingStream(id))) {
        if (event.type !== 'RemindersSent') continue;
        const at = (event.metadata as { at?: string } | undefined)?.at ?? event.created.toISOString();
        for (const r of event.data.reminded) {
          found.push({
            meetingId: event.data.meetingId,
            boardId: event.data.boardId,
            sentAt: at,
            channel: event.data.channel,
            owner: r.owner,
            email: r.email,
            actionIds: digestActionIds(r),
            file: r.file ?? null,
            position: event.position,
          });
        }
      }
    }
    return found.sort((a, b) => (a.position === b.position ? 0 : a.position > b.position ? -1 : 1)).map(({ position: _position, ...entry }) => entry);
  }
}
