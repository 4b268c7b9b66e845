import type { ActionStatus } from '@rag-ledger/contract';
import type { OwnerDigest, ReminderReason } from '@rag-ledger/domain';
import { escapeMarkup } from '../common/escape-markup';

/** A digest as an e-mail: its subject and its two bodies, plain text and HTML, saying the same. */
export interface DigestMessage {
  subject: string;
  text: string;
  html: string;
}

/** The RAG as a word first (colour is never the only cue, and e-mail is often read as text). */
const STATUS_WORDS: Record<ActionStatus, string> = {
  W: 'White: not started',
  G: 'Green: on track',
  A: 'Amber: not on track, recovery plan in place',
  R: 'Red: off track, needs attention',
  B: 'Blue: completed',
  withdrawn: 'Withdrawn',
};

const WEEKDAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long' });
const SHORT_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const UK_DAY_OF_INSTANT = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

/**
 * A calendar day (YYYY-MM-DD) as people write it: "Wednesday 12 March 2014". The day is a
 * date, not an instant: its UTC midnight formatted in UTC is that same date in any zone.
 */
const shortDay = (day: string) => SHORT_DAY.format(new Date(`${day}T00:00:00Z`));
// Without the comma ICU puts after the weekday: British usage.
const longDay = (day: string) => `${WEEKDAY.format(new Date(`${day}T00:00:00Z`))} ${shortDay(day)}`;

interface Section {
  heading: string;
  actions: OwnerDigest['actions'];
}

/** Each action once, under its most pressing reason: overdue, then due by the meeting, then not updated. */
function sections(digest: OwnerDigest, meetingDay: string): Section[] {
  const first = (a: OwnerDigest['actions'][number]): ReminderReason => a.reasons[0];
  const issued = digest.previousPack ? UK_DAY_OF_INSTANT.format(new Date(digest.previousPack.issuedAt)) : '';
  return [
    { heading: 'Overdue: past their target date', actions: digest.actions.filter((a) => first(a) === 'overdue') },
    { heading: `Due by the meeting on ${shortDay(meetingDay)}`, actions: digest.actions.filter((a) => first(a) === 'dueBeforeMeeting') },
    { heading: `Not updated since the last pack, issued on ${issued}`, actions: digest.actions.filter((a) => first(a) === 'noUpdateSincePreviousPack') },
  ].filter((s) => s.actions.length > 0);
}

const actionLink = (publicUrl: string, actionId: string) => `${publicUrl}/#/actions/${encodeURIComponent(actionId)}`;
const label = (a: { planId: string; ref: string | null; id: string }) => (a.ref ? `${a.planId} ${a.ref}` : a.id);

/** The facts of one action line, beyond its name: target date, RAG in words, and a stale update where it is also that. */
function facts(action: OwnerDigest['actions'][number]): string {
  const parts = [`Target date: ${action.targetDate ? shortDay(action.targetDate) : 'none given'}`, `Status: ${STATUS_WORDS[action.status]}`];
  if (action.reasons[0] !== 'noUpdateSincePreviousPack' && action.reasons.includes('noUpdateSincePreviousPack')) parts.push('Not updated since the last pack');
  return `${parts.join('. ')}.`;
}

/**
 * The digest as an e-mail in plain words: the meeting, when papers are due, each action with
 * its ref, title, target date, RAG as a word and a link to its page on the web board.
 */
export function digestMessage(digest: OwnerDigest, meeting: { title: string; date: string; papersDueOn: string }, publicUrl: string): DigestMessage {
  const count = digest.actions.length;
  const subject = `Reminder: ${count === 1 ? 'your action' : `your ${count} actions`} before ${meeting.title} on ${shortDay(meeting.date)}`;
  const greeting = `Dear ${digest.name ?? digest.owner},`;
  const intro =
    `Papers for ${meeting.title} on ${longDay(meeting.date)} are due on ${longDay(meeting.papersDueOn)}. ` +
    `The board will look at ${count === 1 ? 'this action' : 'these actions'} of yours. Please bring ${count === 1 ? 'it' : 'them'} up to date on the web board before then.`;
  const closing = [
    `Your actions across every plan: ${publicUrl}/#/me`,
    `This is the only reminder for this meeting. You are receiving it because the plans name you (${digest.owner}) as an owner.`,
  ];
  const parts = sections(digest, meeting.date);

  const text = [
    greeting,
    '',
    intro,
    ...parts.flatMap((s) => ['', s.heading, '', ...s.actions.flatMap((a) => [`- ${label(a)}: ${a.title}`, `  ${facts(a)}`, `  ${actionLink(publicUrl, a.id)}`])]),
    '',
    ...closing,
    '',
  ].join('\n');

  const e = escapeMarkup;
  const html = [
    '<!DOCTYPE html>',
    `<html lang="en-GB"><head><meta charset="utf-8"><title>${e(subject)}</title></head><body>`,
    `<p>${e(greeting)}</p>`,
    `<p>${e(intro)}</p>`,
    ...parts.flatMap((s) => [
      `<h2>${e(s.heading)}</h2>`,
      '<ul>',
      ...s.actions.map((a) => `<li><a href="${e(actionLink(publicUrl, a.id))}">${e(label(a))}: ${e(a.title)}</a><br>${e(facts(a))}</li>`),
      '</ul>',
    ]),
    `<p><a href="${e(`${publicUrl}/#/me`)}">Your actions across every plan</a></p>`,
    `<p>${e(closing[1])}</p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject, text, html };
}
