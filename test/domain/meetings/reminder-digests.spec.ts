import { digestActionIds, reminderDigests, type DigestAction, type DigestPerson, type DigestRequest } from '@rag-ledger/domain';

// The Improvement Board of 12 March 2014, papers due 5 March; the digests are drawn up on
// 3 March; the board's previous pack was issued on 10 February at 09:00.
const MEETING = { id: 'IB-2014-03-12', title: 'Improvement Board, March', date: '2014-03-12', papersDueOn: '2014-03-05' };
const PREVIOUS = { meetingId: 'IB-2014-02-12', issuedAt: '2014-02-10T09:00:00.000Z' };

const action = (id: string, fields: Partial<DigestAction> = {}): DigestAction => ({
  id,
  planId: 'EDU',
  ref: id.split('.').pop() ?? null,
  title: `Action ${id}`,
  owners: ['CS'],
  targetDate: '2014-06-30',
  status: 'G',
  lastChangedAt: '2014-02-20T10:00:00.000Z',
  ...fields,
});

const DIRECTORY: Record<string, DigestPerson> = {
  CS: { name: 'Chris Snudden', email: 'chris.snudden@norfolk.gov.uk' },
  GC: { name: 'Gordon Boyd', email: 'gordon.boyd@norfolk.gov.uk' },
  JL: { name: 'Jane Lloyd', email: null },
};

const digestsOf = (actions: DigestAction[], overrides: Partial<DigestRequest> = {}) =>
  reminderDigests({ meeting: MEETING, today: '2014-03-03', previousPack: PREVIOUS, actions, personOf: (owner) => DIRECTORY[owner], ...overrides });

describe('reminder digests before a meeting', () => {
  it('names an open action past its target date as overdue, and one due from today up to the meeting day as due before the meeting', () => {
    const [digest] = digestsOf([
      action('EDU.1', { targetDate: '2014-03-02' }), // yesterday: overdue
      action('EDU.2', { targetDate: '2014-03-03' }), // today: due, not yet overdue
      action('EDU.3', { targetDate: '2014-03-12' }), // the meeting's day: due before it
      action('EDU.4', { targetDate: '2014-03-13' }), // the day after: not yet
      action('EDU.5', { targetDate: null }), // no date: never overdue, never due
    ]);
    expect(digest).toMatchObject({ meetingId: MEETING.id, owner: 'CS', email: 'chris.snudden@norfolk.gov.uk', name: 'Chris Snudden' });
    expect(digest.overdue).toEqual(['EDU.1']);
    expect(digest.dueBeforeMeeting).toEqual(['EDU.2', 'EDU.3']);
    expect(digest.noUpdateSincePreviousPack).toEqual([]);
  });

  it('names an open action last changed at or before the previous pack was issued as not updated since it', () => {
    const [digest] = digestsOf([
      action('EDU.1', { lastChangedAt: '2014-02-10T09:00:00.000Z' }), // at the issue: the pack showed it as it is
      action('EDU.2', { lastChangedAt: '2014-01-15T11:00:00.000Z' }),
      action('EDU.3', { lastChangedAt: '2014-02-10T09:00:00.001Z' }), // just after: updated since
    ]);
    expect(digest.noUpdateSincePreviousPack).toEqual(['EDU.1', 'EDU.2']);
    expect(digest.actions.map((a) => a.id)).toEqual(['EDU.1', 'EDU.2']);
  });

  it('does not chase for a lack of update when the board has issued no pack before', () => {
    expect(digestsOf([action('EDU.1', { lastChangedAt: '2013-01-01T00:00:00.000Z' })], { previousPack: null })).toEqual([]);
  });

  it('keeps an action overdue and not updated in both lists, and once in the digest with both reasons', () => {
    const [digest] = digestsOf([action('EDU.1', { targetDate: '2014-01-31', status: 'R', lastChangedAt: '2014-01-02T09:00:00.000Z' })]);
    expect(digest.overdue).toEqual(['EDU.1']);
    expect(digest.noUpdateSincePreviousPack).toEqual(['EDU.1']);
    expect(digest.actions).toEqual([expect.objectContaining({ id: 'EDU.1', reasons: ['overdue', 'noUpdateSincePreviousPack'] })]);
    expect(digestActionIds(digest)).toEqual(['EDU.1']);
  });

  it('never names a completed or withdrawn action, however late or stale', () => {
    const stale = { targetDate: '2013-12-31', lastChangedAt: '2013-12-01T09:00:00.000Z' };
    expect(digestsOf([action('EDU.1', { ...stale, status: 'B' }), action('EDU.2', { ...stale, status: 'withdrawn' })])).toEqual([]);
  });

  it('counts a not-started action as open', () => {
    const [digest] = digestsOf([action('EDU.1', { status: 'W', targetDate: '2014-02-28' })]);
    expect(digest.overdue).toEqual(['EDU.1']);
  });

  it('puts an action with two owners in both digests, one digest per owner in the order of their initials, and none for an owner with nothing to report', () => {
    const digests = digestsOf([
      action('EDU.1', { owners: ['GC', 'CS'], targetDate: '2014-03-01' }),
      action('EDU.2', { owners: ['CS'], targetDate: '2014-03-10' }),
      action('EDU.3', { owners: ['JL'] }), // on track, due in June, updated since the pack
    ]);
    expect(digests.map((d) => [d.owner, digestActionIds(d)])).toEqual([
      ['CS', ['EDU.1', 'EDU.2']],
      ['GC', ['EDU.1']],
    ]);
  });

  it('lists each action once per owner even when the plan prints the owner twice', () => {
    const [digest] = digestsOf([action('EDU.1', { owners: ['CS', ' CS'], targetDate: '2014-03-01' })]);
    expect(digest.overdue).toEqual(['EDU.1']);
    expect(digest.actions).toHaveLength(1);
  });

  it('keeps an owner the directory does not know, or knows without an e-mail, with a null e-mail (the digest cannot go)', () => {
    const digests = digestsOf([action('EDU.1', { owners: ['JL', 'XY'], targetDate: '2014-03-01' })]);
    expect(digests.map((d) => ({ owner: d.owner, email: d.email, name: d.name }))).toEqual([
      { owner: 'JL', email: null, name: 'Jane Lloyd' },
      { owner: 'XY', email: null, name: null },
    ]);
  });

  it('lists the actions by target date, those without one last', () => {
    const [digest] = digestsOf(
      [action('EDU.9', { targetDate: null }), action('EDU.10', { targetDate: '2014-03-11' }), action('EDU.2', { targetDate: '2014-02-01' })],
      { previousPack: { ...PREVIOUS, issuedAt: '2014-03-01T00:00:00.000Z' } },
    );
    expect(digest.actions.map((a) => a.id)).toEqual(['EDU.2', 'EDU.10', 'EDU.9']);
  });
});
