/**
 * The reminder digests before a meeting: for each owner with actions in the plans the board
 * reviews, the actions to chase them about (overdue, due by the meeting, not updated since the
 * previous pack). Pure: the caller reads the actions, the directory and the packs, and sends.
 */
import type { ActionStatus, ReminderDigest } from '@rag-ledger/contract';
import { isOverdueOn } from '../actions/overdue';
import { foldInitials } from '../people/initials';

/** An action as the board has it now (a plan board's row, with its plan). */
export interface DigestAction {
  id: string;
  planId: string;
  ref: string | null;
  title: string;
  owners: string[];
  targetDate: string | null;
  status: ActionStatus;
  /** When it last changed (ISO instant): its last update. */
  lastChangedAt: string;
}

/** Who an owner is in the directory, as far as the digest needs. */
export interface DigestPerson {
  name: string;
  email: string | null;
}

export interface DigestRequest {
  meeting: { id: string; title: string; date: string; papersDueOn: string };
  /** The UK day the digests are drawn up on (YYYY-MM-DD): overdue and "due by the meeting" are judged on it. */
  today: string;
  /** The board's previous issued pack (its issue instant), or null when the board has issued none. */
  previousPack: { meetingId: string; issuedAt: string } | null;
  actions: readonly DigestAction[];
  /** The directory's person with the printed owner's initials, if any. */
  personOf: (owner: string) => DigestPerson | undefined;
}

/** Why an action is in a digest. */
export type ReminderReason = 'overdue' | 'dueBeforeMeeting' | 'noUpdateSincePreviousPack';

export interface OwnerDigest extends ReminderDigest {
  /** The directory's name for the owner, or null when nobody there has those initials. */
  name: string | null;
  /** Each action once, in target-date order, with every reason it is there. */
  actions: Array<DigestAction & { reasons: ReminderReason[] }>;
  previousPack: DigestRequest['previousPack'];
}

const isOpen = (status: ActionStatus) => status !== 'B' && status !== 'withdrawn';

/** The reasons to remind an owner of the action, none when it needs no chasing. */
export function reminderReasons(action: DigestAction, request: Pick<DigestRequest, 'today' | 'meeting' | 'previousPack'>): ReminderReason[] {
  if (!isOpen(action.status)) return [];
  const reasons: ReminderReason[] = [];
  if (isOverdueOn(action, request.today)) reasons.push('overdue');
  else if (action.targetDate !== null && action.targetDate >= request.today && action.targetDate <= request.meeting.date) reasons.push('dueBeforeMeeting');
  // At or before the issue: the pack the board saw already showed it as it stands.
  if (request.previousPack && action.lastChangedAt <= request.previousPack.issuedAt) reasons.push('noUpdateSincePreviousPack');
  return reasons;
}

const byTargetDate = (a: DigestAction, b: DigestAction) =>
  (a.targetDate ?? '9999-99-99').localeCompare(b.targetDate ?? '9999-99-99') || (a.ref ?? a.id).localeCompare(b.ref ?? b.id, 'en', { numeric: true }) || a.id.localeCompare(b.id);

/**
 * One digest per owner with something to report (an action with two owners is in both), in
 * the owners' order. Owners are the plans' printed initials, matched as the directory matches
 * them (look-alike letters and spaces folded, case kept: "Sp" and "SP" are two people).
 */
export function reminderDigests(request: DigestRequest): OwnerDigest[] {
  const byOwner = new Map<string, { owner: string; person: DigestPerson | undefined; actions: OwnerDigest['actions'] }>();
  for (const action of [...request.actions].sort(byTargetDate)) {
    const reasons = reminderReasons(action, request);
    if (reasons.length === 0) continue;
    for (const printed of new Set(action.owners.map((o) => o.trim()).filter((o) => o !== ''))) {
      const key = foldInitials(printed);
      const entry = byOwner.get(key) ?? { owner: printed, person: request.personOf(printed), actions: [] };
      if (!entry.actions.some((a) => a.id === action.id)) entry.actions.push({ ...action, reasons });
      byOwner.set(key, entry);
    }
  }
  return [...byOwner.values()]
    .sort((a, b) => a.owner.localeCompare(b.owner, 'en'))
    .map(({ owner, person, actions }) => {
      const withReason = (reason: ReminderReason) => actions.filter((a) => a.reasons.includes(reason)).map((a) => a.id);
      return {
        meetingId: request.meeting.id,
        owner,
        email: person?.email ?? null,
        name: person?.name ?? null,
        overdue: withReason('overdue'),
        dueBeforeMeeting: withReason('dueBeforeMeeting'),
        noUpdateSincePreviousPack: withReason('noUpdateSincePreviousPack'),
        actions,
        previousPack: request.previousPack,
      };
    });
}

/** Every action a digest names, once. */
export const digestActionIds = (digest: Pick<ReminderDigest, 'overdue' | 'dueBeforeMeeting' | 'noUpdateSincePreviousPack'>): string[] => [
  ...new Set([...digest.overdue, ...digest.dueBeforeMeeting, ...digest.noUpdateSincePreviousPack]),
];
