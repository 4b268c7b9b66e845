import { reminderDigests, type DigestAction } from '@rag-ledger/domain';
import { digestMessage } from '../../../apps/api/src/reminders/digest-message';

const MEETING = { id: 'IB-2014-03-12', title: 'Improvement Board, March', date: '2014-03-12', papersDueOn: '2014-03-05' };
const action = (id: string, fields: Partial<DigestAction>): DigestAction => ({
  id, planId: 'EDU', ref: id.slice(4), title: `Action ${id}`, owners: ['CS'], targetDate: '2014-06-30', status: 'G', lastChangedAt: '2014-02-20T10:00:00.000Z', ...fields,
});

function messageFor(actions: DigestAction[], publicUrl = 'https://rag-ledger.norfolk.gov.uk') {
  const [digest] = reminderDigests({
    meeting: MEETING,
    today: '2014-03-03',
    previousPack: { meetingId: 'IB-2014-02-12', issuedAt: '2014-02-10T09:00:00.000Z' },
    actions,
    personOf: () => ({ name: 'Chris Snudden', email: 'chris.snudden@norfolk.gov.uk' }),
  });
  return digestMessage(digest, MEETING, publicUrl);
}

describe('a digest as an e-mail', () => {
  const message = messageFor([
    action('EDU.2.1', { title: 'Chairs of Governors told of the category', targetDate: '2014-01-31', status: 'R', lastChangedAt: '2014-01-02T09:00:00.000Z' }),
    action('EDU.3.4', { title: 'Termly visits to schools causing concern', targetDate: '2014-03-10', status: 'A' }),
    action('EDU.5.2', { title: 'Governor training calendar', status: 'W', lastChangedAt: '2013-12-01T09:00:00.000Z' }),
  ]);

  it('names the meeting, its day and the papers due day in its subject and opening', () => {
    expect(message.subject).toBe('Reminder: your 3 actions before Improvement Board, March on 12 March 2014');
    expect(message.text).toContain('Dear Chris Snudden,');
    expect(message.text).toContain('Papers for Improvement Board, March on Wednesday 12 March 2014 are due on Wednesday 5 March 2014.');
  });

  it('lists each action once under its most pressing reason, with ref, title, target date, RAG as a word and its link', () => {
    const lines = message.text.split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(at('Overdue: past their target date')).toBeLessThan(at('EDU 2.1: Chairs of Governors told of the category'));
    expect(lines[at('EDU 2.1:') + 1]).toBe('  Target date: 31 January 2014. Status: Red: off track, needs attention. Not updated since the last pack.');
    expect(lines[at('EDU 2.1:') + 2]).toBe('  https://rag-ledger.norfolk.gov.uk/#/actions/EDU.2.1');
    expect(at('Due by the meeting on 12 March 2014')).toBeLessThan(at('EDU 3.4: Termly visits'));
    expect(lines[at('EDU 3.4:') + 1]).toBe('  Target date: 10 March 2014. Status: Amber: not on track, recovery plan in place.');
    expect(at('Not updated since the last pack, issued on 10 February 2014')).toBeLessThan(at('EDU 5.2: Governor training calendar'));
    expect(lines[at('EDU 5.2:') + 1]).toBe('  Target date: 30 June 2014. Status: White: not started.');
    expect(lines.filter((l) => l.includes('EDU 2.1:'))).toHaveLength(1);
  });

  it('says the same in HTML, with a link on each action', () => {
    expect(message.html).toContain('<a href="https://rag-ledger.norfolk.gov.uk/#/actions/EDU.2.1">EDU 2.1: Chairs of Governors told of the category</a>');
    expect(message.html).toContain('Status: Red: off track, needs attention.');
    expect(message.html).toContain('<h2>Due by the meeting on 12 March 2014</h2>');
  });

  it('escapes markup in titles, so an action title cannot change the HTML', () => {
    const hostile = messageFor([action('EDU.9', { title: '<script>alert(1)</script> & "more"', targetDate: '2014-02-01' })]);
    expect(hostile.html).not.toContain('<script>');
    expect(hostile.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;');
    expect(hostile.text).toContain('<script>alert(1)</script> & "more"');
  });

  it('says "action" for one', () => {
    const one = messageFor([action('EDU.9', { targetDate: '2014-02-01' })]);
    expect(one.subject).toBe('Reminder: your action before Improvement Board, March on 12 March 2014');
    expect(one.text).toContain('The board will look at this action of yours. Please bring it up to date');
  });
});
