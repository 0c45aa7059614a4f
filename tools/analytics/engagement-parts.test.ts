import { describe, expect, it } from 'vitest';
import { normaliseSubject } from './engagement-content.ts';
import { sizeBand } from './engagement-groups.ts';
import { normaliseQuestion, showRate, topQuestions } from './engagement-talk.ts';
import { localTime } from './engagement-timing.ts';

describe('localTime', () => {
  it('reads the send in the lead\'s zone, across daylight saving', () => {
    // 13:00 UTC is 08:00 in New York in winter (EST, -5) and 09:00 in summer (EDT, -4)
    expect(localTime(new Date('2026-01-13T13:00:00Z'), 'America/New_York', null)).toMatchObject({ hour: 8, weekday: 1, zoneSource: 'lead' });
    expect(localTime(new Date('2026-07-14T13:00:00Z'), 'America/New_York', null)).toMatchObject({ hour: 9, weekday: 1, zoneSource: 'lead' });
    // 23:30 UTC on a Sunday is Monday 08:30 in Tokyo (+9): the weekday moves too
    expect(localTime(new Date('2026-04-12T23:30:00Z'), 'Asia/Tokyo', null)).toMatchObject({ hour: 8, weekday: 0 });
    // midnight reads as hour 0, not 24
    expect(localTime(new Date('2026-04-13T04:00:00Z'), 'America/New_York', null).hour).toBe(0);
  });

  it('falls back to the account\'s zone, then UTC, when the lead\'s is missing or not a real zone', () => {
    const at = new Date('2026-04-08T14:00:00Z');
    expect(localTime(at, null, 'America/Chicago')).toMatchObject({ hour: 9, timeZone: 'America/Chicago', zoneSource: 'account' });
    expect(localTime(at, 'Mars/Olympus', 'America/Chicago')).toMatchObject({ hour: 9, zoneSource: 'account' });
    expect(localTime(at, null, 'nonsense')).toMatchObject({ hour: 14, weekday: 2, timeZone: 'UTC', zoneSource: 'utc' });
  });
});

describe('normalisers', () => {
  it('folds subject lines so personalised copies group together', () => {
    expect(normaliseSubject('Re: RE: Pricing for Acme Corp', 'Dana', 'Acme Corp')).toBe('pricing for {{company}}');
    expect(normaliseSubject('Fwd:  Dana,   quick   question', 'Dana', null)).toBe('{{first_name}}, quick question');
    // a first name inside another word is left alone; regex characters in names are literal
    expect(normaliseSubject('Danator update', 'Dana', 'A+B (Holdings)')).toBe('danator update');
    expect(normaliseSubject('News from A+B (Holdings)', null, 'A+B (Holdings)')).toBe('news from {{company}}');
  });

  it('folds questions and keeps the most frequent spelling', () => {
    expect(normaliseQuestion('  How long does  ONBOARDING take?? ')).toBe('how long does onboarding take');
    const rows = ['Is there an API?', 'is there an api', 'Is there an API?', 'SSO?'].map((quote, i) => ({ id: `q${i}`, at: new Date(0), quote }));
    // 3 of 4 = 75%, 1 of 4 = 25%; the example is the first row seen (rows come latest first)
    expect(topQuestions(rows)).toEqual({
      total: 4, distinct: 2,
      items: [
        { question: 'Is there an API?', count: 3, share: 75, example: rows[0] },
        { question: 'SSO?', count: 1, share: 25, example: rows[3] },
      ],
    });
    expect(topQuestions([])).toEqual({ total: 0, distinct: 0, items: [] });
  });

  it('bands company size and computes the show rate without dividing by zero', () => {
    expect([null, 0, 1, 49, 50, 199, 200, 999, 1000, 4999, 5000].map(sizeBand)).toEqual([
      'unknown', 'unknown', '1-49', '1-49', '50-199', '50-199', '200-999', '200-999', '1000-4999', '1000-4999', '5000+',
    ]);
    // 3 held of 4 = 75%; none scheduled = null
    expect(showRate({ scheduled: 4, noShows: 1, examples: [] })).toEqual({ scheduled: 4, held: 3, noShows: 1, showRate: 75 });
    expect(showRate({ scheduled: 0, noShows: 0, examples: [] }).showRate).toBeNull();
  });
});
