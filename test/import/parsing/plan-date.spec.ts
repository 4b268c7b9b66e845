import { parsePlanDate, PlanDate } from '../../../libs/import/src/parsing';
import { loadActions } from './plan-data';

// Each row: printed text, and the exact result expected besides `text` (checked strictly,
// so an unexpected extra field such as a warning fails the test too).
const due = (d: string): Omit<PlanDate, 'text'> => ({ kind: 'due', due: d });

const SAMPLES: [string, Omit<PlanDate, 'text'>][] = [
  // month-only dates are due on the month's last day
  ['Dec 2013', due('2013-12-31')],
  ['Feb 2016', due('2016-02-29')],
  ['Feb 2014', due('2014-02-28')],
  ['Dec13', due('2013-12-31')],
  ['Oct 13', due('2013-10-31')],
  ['Oct-13', due('2013-10-31')],
  ['December 2013', due('2013-12-31')],
  ['Sept 2013', due('2013-09-30')],
  ['Sep13', due('2013-09-30')],
  ['Mar 16', due('2016-03-31')],
  // day dates
  ['1 July 13', due('2013-07-01')],
  ['13 Dec 2013', due('2013-12-13')],
  ['1st July 2013', due('2013-07-01')],
  ['31/12/2013', due('2013-12-31')],
  ['31.12.13', due('2013-12-31')],
  ['By Mar 2014', due('2014-03-31')],
  // month typos: a prefix of at least 3 letters
  ['Marc 2014', due('2014-03-31')],
  ['Octo 2013', due('2013-10-31')],
  ['Nov 2103', { kind: 'due', due: '2013-11-30', warning: "year '2103' read as 2013 (digits swapped)" }],
  ['Refresh April 14', { kind: 'due', due: '2014-04-30', warning: "ignored 'Refresh'" }],
  // starts, open ends, ranges
  ['From Sept 2013', { kind: 'start', start: '2013-09-01' }],
  ['From Oct 13', { kind: 'start', start: '2013-10-01' }],
  ['Oct 2013 -', { kind: 'open', start: '2013-10-01' }],
  ['Oct 2013 to', { kind: 'open', start: '2013-10-01' }],
  ['June 2013 – July 2015', { kind: 'range', start: '2013-06-01', end: '2015-07-31', due: '2015-07-31' }],
  ['June 2013 - July 2015', { kind: 'range', start: '2013-06-01', end: '2015-07-31', due: '2015-07-31' }],
  ['June 2013 to July 2015', { kind: 'range', start: '2013-06-01', end: '2015-07-31', due: '2015-07-31' }],
  ['Oct - Dec 2013', { kind: 'range', start: '2013-10-01', end: '2013-12-31', due: '2013-12-31' }],
  ['From Sept 2013 Oct 2013', { kind: 'range', start: '2013-09-01', end: '2013-10-31', due: '2013-10-31' }],
  // recurring: due is the first occurrence's month end
  [
    'Every 6mths from March 2014',
    { kind: 'recurring', start: '2014-03-01', due: '2014-03-31', recurrence: 'every 6 months' },
  ],
  ['Dec 13 & then bi-monthly', { kind: 'recurring', start: '2013-12-01', due: '2013-12-31', recurrence: 'bi-monthly' }],
  ['From Dec 2013 - termly', { kind: 'recurring', start: '2013-12-01', due: '2013-12-31', recurrence: 'termly' }],
  // several dates: due is the earliest, all is every distinct due date sorted
  ['Nov 13 Dec 13', { kind: 'multiple', due: '2013-11-30', all: ['2013-11-30', '2013-12-31'] }],
  ['31 Mar 2014 / 31 Oct 2013', { kind: 'multiple', due: '2013-10-31', all: ['2013-10-31', '2014-03-31'] }],
  ['By Oct / Nov 2013', { kind: 'multiple', due: '2013-10-31', all: ['2013-10-31', '2013-11-30'] }],
  [
    'Oct 2013 Nov 2103 Sept 2013 -',
    {
      kind: 'multiple',
      due: '2013-10-31',
      all: ['2013-10-31', '2013-11-30'],
      start: '2013-09-01',
      warning: "year '2103' read as 2013 (digits swapped)",
    },
  ],
  ['Immediate', { kind: 'immediate' }],
  // not readable: kept, flagged, never thrown
  ['Start w/c 14 or 21 October', { kind: 'unparsed', warning: "stray number '14'; no year for '21 October'" }],
  ['2014', { kind: 'unparsed', warning: "year '2014' without a month" }],
  ['31 Feb 2014', { kind: 'unparsed', warning: "no such date '31 Feb 2014'" }],
  ['31/13/2013', { kind: 'unparsed', warning: "no such date '31/13/2013'" }],
  ['Nov 2193', { kind: 'unparsed', warning: "year '2193' is out of range in 'Nov 2193'" }],
  [
    'Develop initial communication by start of campaign',
    { kind: 'unparsed', warning: "no date found; ignored 'Develop initial communication of campaign'" },
  ],
  ['-', { kind: 'unparsed', warning: 'no date found' }],
];

describe('parsePlanDate', () => {
  it.each(SAMPLES)('reads %j', (text, expected) => {
    expect(parsePlanDate(text)).toStrictEqual({ text, ...expected });
  });

  it.each([null, undefined, '', '  \n'])('reads %j as no date, keeping the text', (text) => {
    expect(parsePlanDate(text)).toStrictEqual({ text: text ?? '', kind: 'none' });
  });

  it('returns the printed text unchanged, spacing included', () => {
    expect(parsePlanDate('  By Mar 2014 ')).toStrictEqual({ text: '  By Mar 2014 ', kind: 'due', due: '2014-03-31' });
  });

  it.each(['///', 'Every', 'every blue moon', '99/99/99', '0 Dec 2013', '1/1/201', 'Oct 2013 Nov', 'w/c ??'])(
    'does not throw on junk %j and says why',
    (text) => {
      const result = parsePlanDate(text);
      expect(result.kind).toBe('unparsed');
      expect(result.warning).toEqual(expect.any(String));
    },
  );
});

describe('parsePlanDate on the Norfolk 2013 plans', () => {
  const actions = loadActions();
  // The file is not consistent for cells with several dates: sometimes it takes the
  // earliest, sometimes the latest. We always take the earliest (the first deadline to
  // watch); these are the cells where the file took another one.
  const KNOWN_DIFFERENT: Record<string, string> = {
    '13 Dec 2013 / 31 Jan 2014 / 15 Feb 2014 / 31 Mar 2014': '2013-12-13',
    '31 Oct 2013 / 31 Mar 2014': '2013-10-31',
    'By Oct / Nov 2013 On-going for RI': '2013-10-31',
    'By Oct /Nov 2013': '2013-10-31',
    'By Oct 2013 By Nov 2013': '2013-10-31',
    'Jan 2014 for Mar 2014': '2014-01-31',
    'Nov 13 Dec 13': '2013-11-30',
  };
  const withDue = actions.filter((a) => a.targetDateIso);

  it('reads all 301 actions, 235 of which have a due date in the file', () => {
    expect(actions).toHaveLength(301);
    expect(withDue).toHaveLength(235);
  });

  it("agrees with the file's targetDateIso on 228 of 235, the rest being multi-date cells", () => {
    const disagree = withDue
      .map((a) => ({ text: a.targetDate!, file: a.targetDateIso, ours: parsePlanDate(a.targetDate).due }))
      .filter((x) => x.ours !== x.file);
    expect(Object.fromEntries(disagree.map((x) => [x.text, x.ours]))).toStrictEqual(KNOWN_DIFFERENT);
    expect(disagree.every((x) => parsePlanDate(x.text).kind === 'multiple')).toBe(true);
    expect(withDue.length - disagree.length).toBe(228);
  });

  it("agrees with the file's startDateIso wherever it has one (31 actions)", () => {
    const withStart = actions.filter((a) => a.startDateIso);
    expect(withStart).toHaveLength(31);
    expect(withStart.map((a) => parsePlanDate(a.targetDate).start)).toStrictEqual(withStart.map((a) => a.startDateIso));
  });

  it('keeps every text, reads missing cells as none and flags what the file could not date', () => {
    for (const a of actions) expect(parsePlanDate(a.targetDate).text).toBe(a.targetDate ?? '');
    const kinds = (dateKind: string) =>
      actions.filter((a) => a.dateKind === dateKind).map((a) => parsePlanDate(a.targetDate).kind);
    expect(kinds('missing')).toStrictEqual(Array(34).fill('none'));
    for (const k of ['fragment', 'event-relative', 'start-week-alternatives']) expect(kinds(k)).toStrictEqual(['unparsed']);
    expect(kinds('immediate')).toStrictEqual(['immediate']);
  });
});
