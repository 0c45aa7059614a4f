import { describe, expect, it } from 'vitest';
import { renderResult } from './render.ts';

// A hand-made engagement_insights result: the answer must carry every section's figures, objections included.
const result = {
  period: { label: 'this quarter', from: '2026-04-01T00:00:00.000Z', to: '2026-06-15T12:00:00.000Z' },
  minSample: 20,
  conversion: { overall: { group: 'all', n: 40, converted: 10, conversionRate: 25, customers: 3, customerRate: 7.5 }, bySeniority: [], byIndustry: [], industriesOmitted: 0, bySize: [] },
  sendTimes: {
    sent: 120, delivered: 100, bounced: 5, untracked: 15, byHour: [], byWeekday: [],
    bestHour: { open: { slot: 9, label: '09:00', rate: 62.5, n: 24 }, reply: null },
    bestWeekday: { open: { slot: 1, label: 'Tuesday', rate: 55, n: 40 }, reply: { slot: 1, label: 'Tuesday', rate: 12.5, n: 40 } },
    timeZones: { lead: 80, account: 15, utc: 5 },
  },
  subjectLines: [{ label: 'Quick question', delivered: 30, opened: 18, openRate: 60, replied: 3, replyRate: 10, smallSample: false }],
  templates: [],
  abTests: [],
  meetings: { scheduled: 8, held: 6, noShows: 2, showRate: 75 },
  objections: { total: 12, items: [{ objection: 'price', count: 7, share: 58.3 }, { objection: 'timing', count: 5, share: 41.7 }] },
  questions: { total: 3, distinct: 2, items: [{ question: 'does it integrate with salesforce?', count: 2, share: 66.7 }] },
  method: [],
  notes: [],
  evidence: [],
};

describe('engagement_insights answer', () => {
  it('states each section: conversion, send times, meetings, objections with counts and shares, questions, subject lines', () => {
    const { text } = renderResult('engagement_insights', result, true);
    expect(text).toContain('Conversion: 10 of 40 new leads joined a deal (25%).');
    expect(text).toContain('best hour for opens 09:00 (62.5% of 24), for replies not enough emails');
    expect(text).toContain('Meetings: 6 of 8 held (75% show rate), 2 no-shows.');
    expect(text).toMatch(/Top objections \(12 raised\):[\s\S]*price[\s\S]*7[\s\S]*58\.3%[\s\S]*timing[\s\S]*5[\s\S]*41\.7%/);
    expect(text).toContain('does it integrate with salesforce?');
    expect(text).toContain('Quick question');
  });
});
