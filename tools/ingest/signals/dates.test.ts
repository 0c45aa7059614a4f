import { describe, expect, it } from 'vitest';
import { extractSignals } from './extract.ts';
import type { SignalContext } from './types.ts';

// ORG_NOW: Monday 2026-06-15 12:00 UTC
const monday: SignalContext = { now: new Date('2026-06-15T12:00:00Z'), timeZone: 'America/New_York' };
const d = (text: string, ctx: SignalContext = monday) => extractSignals(text, ctx).dates.map((x) => [x.date, x.kind]);

describe('dates', () => {
  it('resolves deadlines forward from now', () => {
    expect(d("I'll send the proposal by Friday.")).toEqual([['2026-06-19', 'deadline']]);
    expect(d('If you can sign before July 20, the rate holds.')).toEqual([['2026-07-20', 'deadline']]);
    // March 15 is closer in the past, but "until" points forward
    expect(d('We are locked into a contract until March 31.')).toEqual([['2027-03-31', 'deadline']]);
  });

  it('classifies meetings and timeline points', () => {
    expect(d('Would Thursday at 10am work for a call?')).toEqual([['2026-06-18', 'meeting']]);
    expect(d('For the pilot, I suggest 12 reps starting June 29.')).toEqual([['2026-06-29', 'timeline']]);
  });

  it('reads "next <weekday>" as the weekday of next week, and a past-tense weekday backwards', () => {
    expect(d('He will be here next Tuesday.')).toEqual([['2026-06-23', 'mention']]);
    expect(d('How about either next Tuesday or Thursday?').map((x) => x[0])).toEqual(['2026-06-23', '2026-06-25']);
    expect(d('I talked to Brian on Friday.').map((x) => x[0])).toEqual(['2026-06-12']);
  });

  it('uses period conventions: week = Monday, end of week = Friday, quarter = first day, month = 1st', () => {
    expect(d('Let me come back to you next week.').map((x) => x[0])).toEqual(['2026-06-22']);
    expect(d('Can we do it by the end of next week?').map((x) => x[0])).toEqual(['2026-06-26']);
    expect(d('Can we revisit this next quarter?').map((x) => x[0])).toEqual(['2026-07-01']);
    expect(d('Close it by the end of the quarter.').map((x) => x[0])).toEqual(['2026-06-30']);
    expect(d('Budget opens in Q1.').map((x) => x[0])).toEqual(['2027-01-01']); // Q1 said in June is next year's
    expect(d('Gas will be consumed from May through September.').map((x) => x[0])).toEqual(['2027-05-01', '2027-09-01']);
  });

  it('returns both ends of ranges', () => {
    const sept: SignalContext = { now: new Date('2000-09-28T12:56:00Z'), timeZone: 'America/Chicago' };
    expect(d('A buyer paid above market on September 26 and 27.', sept).map((x) => x[0])).toEqual(['2000-09-26', '2000-09-27']);
    expect(d('Trades executed from September 25 to September 27.', sept).map((x) => x[0])).toEqual(['2000-09-25', '2000-09-27']);
  });

  it('picks the year in which a written weekday agrees with the date', () => {
    const may2001: SignalContext = { now: new Date('2001-05-15T15:00:00Z'), timeZone: 'America/Chicago' };
    expect(d('We have a board dinner on Monday, December 11.', may2001).map((x) => x[0])).toEqual(['2000-12-11']);
    expect(d('Reply by noon, Tuesday, Sept. 25?', may2001).map((x) => x[0])).toEqual(['2001-09-25']);
  });

  it('is not fooled by times, years, durations and "May" the verb', () => {
    expect(d('Any morning between 10 and 11:30, or at 2:30 - 3:30.')).toEqual([]);
    expect(d('They are unhedged in 2003 and 2004; next year looks better.')).toEqual([]);
    expect(d('I can hold the rate for 24 months, and it takes less than 6 months.')).toEqual([]);
    expect(d('May I have your reaction?')).toEqual([]);
  });

  it('resolves relative days in the writer\'s zone', () => {
    // 02:00 UTC on the 16th is still the 15th in Los Angeles
    const late = new Date('2026-06-16T02:00:00Z');
    expect(d('Can we talk tomorrow?', { now: late, timeZone: 'America/Los_Angeles' }).map((x) => x[0])).toEqual(['2026-06-16']);
    expect(d('Can we talk tomorrow?', { now: late }).map((x) => x[0])).toEqual(['2026-06-17']);
    expect(d('Your users get invites this afternoon.').map((x) => x[0])).toEqual(['2026-06-15']);
  });

  it('keeps the exact matched text and offsets', () => {
    const text = 'Send the questionnaire by July 2, please.';
    const [date] = extractSignals(text, monday).dates;
    expect(date?.text).toBe('July 2');
    expect(text.slice(date?.start, date?.end)).toBe('July 2');
  });
});
