import fc from 'fast-check';
import { dayOf, daysAfter, nextDay, readDayOrInstant, ukDayEnd, ukDayStart } from '@rag-ledger/domain';

/** A date a person types is a UK calendar day: 00:00 to 23:59:59.999 in London, summer time included. */
describe('a date means a UK calendar day', () => {
  it('counts calendar days forward across month and year ends and the clock changes', () => {
    expect(daysAfter('2014-03-15', 30)).toBe('2014-04-14');
    expect(daysAfter('2013-12-15', 30)).toBe('2014-01-14');
    expect(daysAfter('2016-02-28', 1)).toBe('2016-02-29');
    expect(daysAfter('2014-10-20', 0)).toBe('2014-10-20');
    expect(nextDay('2014-12-31')).toBe('2015-01-01');
  });

  const instant = (text: string) => {
    const read = readDayOrInstant(text);
    if (!read || !('instant' in read)) throw new Error(`${text} was not read as an instant`);
    return read.instant.toISOString();
  };

  it.each([
    // day, its first instant, its last instant, its length in hours
    ['2014-01-15', '2014-01-15T00:00:00.000Z', '2014-01-15T23:59:59.999Z', 24], // winter: GMT
    ['2014-06-15', '2014-06-14T23:00:00.000Z', '2014-06-15T22:59:59.999Z', 24], // summer: BST
    ['2014-03-30', '2014-03-30T00:00:00.000Z', '2014-03-30T22:59:59.999Z', 23], // the clocks go forward at 01:00 GMT
    ['2014-10-26', '2014-10-25T23:00:00.000Z', '2014-10-26T23:59:59.999Z', 25], // the clocks go back at 02:00 BST
    ['2014-03-29', '2014-03-29T00:00:00.000Z', '2014-03-29T23:59:59.999Z', 24],
    ['2014-10-27', '2014-10-27T00:00:00.000Z', '2014-10-27T23:59:59.999Z', 24],
  ])('given %s, its day runs from %s to %s (%i hours)', (day, start, end, hours) => {
    expect(ukDayStart(day).toISOString()).toBe(start);
    expect(ukDayEnd(day).toISOString()).toBe(end);
    expect((ukDayEnd(day).getTime() + 1 - ukDayStart(day).getTime()) / 3_600_000).toBe(hours);
  });

  it.each([
    // a time in the UK, the day it is in, and whether it falls within 15 June / 15 January / the change days
    ['2014-06-15T23:30:00+01:00', '2014-06-15'],
    ['2014-06-16T00:30:00+01:00', '2014-06-16'],
    ['2014-01-15T23:30:00Z', '2014-01-15'],
    ['2014-01-16T00:30:00Z', '2014-01-16'],
    ['2014-03-30T23:30:00+01:00', '2014-03-30'],
    ['2014-03-30T00:30:00Z', '2014-03-30'],
    ['2014-10-26T23:30:00Z', '2014-10-26'],
    ['2014-10-26T00:30:00+01:00', '2014-10-26'],
  ])('when something happens at %s (UK time), it is inside %s and no other day', (at, day) => {
    const when = new Date(at).getTime();
    expect(dayOf(new Date(at))).toBe(day);
    expect(ukDayStart(day).getTime() <= when && when <= ukDayEnd(day).getTime()).toBe(true);
    for (const other of ['2014-06-15', '2014-06-16', '2014-01-15', '2014-01-16', '2014-03-30', '2014-10-26'].filter((d) => d !== day)) {
      expect(ukDayStart(other).getTime() <= when && when <= ukDayEnd(other).getTime()).toBe(false);
    }
  });

  it("agrees with the overdue judgement's day for every instant: a day's bounds are exactly the instants dayOf names it", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T23:59:59Z'), noInvalidDate: true }), (at) => {
        const day = dayOf(at);
        expect(ukDayStart(day).getTime()).toBeLessThanOrEqual(at.getTime());
        expect(ukDayEnd(day).getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(dayOf(ukDayStart(day))).toBe(day);
        expect(dayOf(ukDayEnd(day))).toBe(day);
        expect(dayOf(new Date(ukDayStart(day).getTime() - 1))).not.toBe(day);
        expect(dayOf(new Date(ukDayEnd(day).getTime() + 1))).not.toBe(day);
      }),
    );
  });

  it('reads a date as a day and a date-time with a zone as that instant', () => {
    expect(readDayOrInstant('2014-06-15')).toEqual({ day: '2014-06-15' });
    expect(instant('2014-06-15T10:00:00Z')).toBe('2014-06-15T10:00:00.000Z');
    expect(instant('2014-06-15T10:00Z')).toBe('2014-06-15T10:00:00.000Z');
    expect(instant('2014-06-15T10:00:00.5+01:00')).toBe('2014-06-15T09:00:00.500Z');
    expect(instant('2014-06-15T10:00:00.123456789-05:30')).toBe('2014-06-15T15:30:00.123Z');
  });

  it('reads a date-time without a zone as UK time, summer and winter', () => {
    expect(instant('2014-06-15T23:30')).toBe('2014-06-15T22:30:00.000Z');
    expect(instant('2014-06-16T00:30:00')).toBe('2014-06-15T23:30:00.000Z');
    expect(instant('2014-01-15T23:30:00')).toBe('2014-01-15T23:30:00.000Z');
    // the hour the clocks skip: as if they had not gone forward yet (01:30 GMT is 02:30 BST)
    expect(instant('2014-03-30T01:30')).toBe('2014-03-30T01:30:00.000Z');
    expect(instant('2014-03-30T02:30')).toBe('2014-03-30T01:30:00.000Z');
    // the hour that happens twice: the first time, in summer time
    expect(instant('2014-10-26T01:30')).toBe('2014-10-26T00:30:00.000Z');
    expect(instant('2014-10-26T02:30')).toBe('2014-10-26T02:30:00.000Z');
  });

  it.each([
    '2014-W03', '2014-W03-2', '2014-015', '20140115', '2014-01-15T10', '2014-01-15T10:00:00,5Z', '2014-01', '2014', '2014-02-30',
    '2014-13-01', '2014-01-15T24:00Z', '2014-01-15T10:60Z', '2014-01-15T10:00:60Z', '2014-01-15T10:00+24:00', '2014-01-15 10:00Z',
    '2014-01-15t10:00z', '2014-01-15T10:00:00.Z', '2014-01-15T10:00:00.1234567890Z', '+002014-01-15', '9999-12-31T23:00-05:00', '0000-01-01T00:30+01:00', 'yesterday', '', ' 2014-01-15',
  ])('refuses %j: neither a calendar date nor a date-time', (text) => {
    expect(readDayOrInstant(text)).toBeUndefined();
  });

  it('refuses what is not text at all (a repeated query parameter arrives as a list)', () => {
    expect(readDayOrInstant(['2014-01-15', '2014-01-16'])).toBeUndefined();
    expect(readDayOrInstant(undefined)).toBeUndefined();
  });

  it('never throws and gives a real instant for anything it accepts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace(/Z$/, '')), fc.stringMatching(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,4})?)?([+-]\d{2}:\d{2}|Z)?)?$/)), (text) => {
        const read = readDayOrInstant(text);
        if (read && 'instant' in read) expect(Number.isNaN(read.instant.getTime())).toBe(false);
        if (read && 'day' in read) expect(Number.isNaN(ukDayEnd(read.day).getTime())).toBe(false);
      }),
    );
  });
});
