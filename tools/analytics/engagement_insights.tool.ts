import { z } from 'zod';
import { leadProfiles, listAbTests, meetingStats, objectionCounts, outboundEmails, QUESTION_CAP, questionRows, type EngagementWindow } from '../../db/repos/analytics-engagement.ts';
import { defineTool } from '../registry.ts';
import { DEFAULT_ALPHA } from './ab-test.ts';
import { abTestResults } from './engagement-ab.ts';
import { rankSubjects, rankTemplates, type ContentStats } from './engagement-content.ts';
import { conversionByDimension } from './engagement-groups.ts';
import { engagementOutput, METHOD, type EngagementOutput } from './engagement-schema.ts';
import { objectionShares, showRate, topQuestions } from './engagement-talk.ts';
import { sendTimes } from './engagement-timing.ts';
import { pastWindow, resolveSpan, spanBound, spanInput } from './period.ts';

const EVIDENCE_CAP = 20;

export const engagementInsights = defineTool({
  name: 'engagement_insights',
  description:
    'What works in outreach over a period (default all time): lead conversion by seniority, industry and company size (small groups flagged); the best send hour and weekday in each recipient\'s own time zone for opens and replies; subject lines and templates ranked by open or reply rate; every A/B test with rates, lift, p-value, 95% interval and the winner or "no significant difference"; meeting show rate; the most common objections and buyer questions. Only records you can see.',
  input: z.object({
    period: spanInput.optional().describe('the period: "2026-Q1", "2026-03", "2025", last_quarter, last_30_days, this_week, ytd...; omit (and from/to) for all time'),
    from: spanBound.optional().describe('start of a custom range, a date or instant (instead of period)'),
    to: spanBound.optional().describe('end of a custom range, inclusive: a date includes its whole day (instead of period)'),
    minSample: z.number().int().min(1).max(10_000).default(30).describe('fewest leads or emails a group needs before it is ranked or called best (default 30)'),
    rankBy: z.enum(['open', 'reply']).default('open').describe('rank subject lines and templates by open rate or by reply rate'),
    top: z.number().int().min(1).max(50).default(10).describe('how many subject lines and templates to list (1-50)'),
  }),
  output: engagementOutput,
  annotations: { title: 'Engagement insights', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const period = resolveSpan(input, ctx.now);
    const window: EngagementWindow = {
      // nothing after now counts: a period still running ends at now, one that starts later is empty
      ...pastWindow(period, ctx.now),
    };
    const [leads, emails, tests, meetings, objections, questions] = await Promise.all([
      leadProfiles(ctx.db, ctx.scope, window, ctx.now),
      outboundEmails(ctx.db, ctx.scope, window, ctx.now),
      listAbTests(ctx.db),
      meetingStats(ctx.db, ctx.scope, window),
      objectionCounts(ctx.db, ctx.scope, window),
      questionRows(ctx.db, ctx.scope, window),
    ]);
    const conversion = conversionByDimension(leads, input.minSample);
    const times = sendTimes(emails, input.minSample);
    const subjects = rankSubjects(emails, input.rankBy, input.minSample).slice(0, input.top);
    const templates = rankTemplates(emails, input.rankBy, input.minSample).slice(0, input.top);
    const abTests = abTestResults(tests, emails, DEFAULT_ALPHA).filter((r) => r.a.delivered + r.b.delivered > 0);
    const show = showRate(meetings);
    const objectionsOut = objectionShares(objections);
    const questionsOut = topQuestions(questions);

    const delivered = emails.filter((e) => e.delivered).length;
    const bounced = emails.filter((e) => e.bounced).length;
    const notes: string[] = [];
    if (ctx.scope.kind !== 'all') notes.push('Only your own (or your team\'s) leads, emails and meetings are counted.');
    if (emails.length > 0 && delivered === 0) notes.push('No outbound email in the period has delivery tracking: send-time and content rates cannot be computed.');
    if (times.zoneSources.utc > 0) notes.push(`${times.zoneSources.utc} delivered emails had no lead or account time zone and were read in UTC.`);
    if (delivered > 0 && !times.bestHour.open) notes.push(`No send hour has ${input.minSample}+ delivered emails: no best hour is named.`);
    if (questions.length >= QUESTION_CAP) notes.push(`Questions: only the latest ${QUESTION_CAP} asked in the period were counted.`);

    const evidence = [
      ...abTests.map((r) => ({
        sourceId: r.test.id, kind: 'ab_test', date: r.test.startsAt?.toISOString() ?? null,
        quote: `${r.test.name} (${r.test.metric}): A ${r.a.successes}/${r.a.delivered}, B ${r.b.successes}/${r.b.delivered}: ${r.verdict.verdict}`,
      })),
      ...objectionsOut.items.slice(0, 5).map((o) => ({ sourceId: o.example.id, kind: 'interaction', date: o.example.at.toISOString(), quote: `${o.objection} objection: ${o.example.quote}` })),
      ...questionsOut.items.slice(0, 5).map((q) => ({ sourceId: q.example.id, kind: 'interaction', date: q.example.at.toISOString(), quote: `question: ${q.example.quote}` })),
      ...meetings.examples.map((m) => ({ sourceId: m.id, kind: 'meeting', date: m.at.toISOString(), quote: `${m.held ? 'held' : 'not held'} (${m.outcome ?? 'no outcome'}): ${m.quote}` })),
    ].slice(0, EVIDENCE_CAP);

    const contentOut = (c: ContentStats) => ({
      label: c.label, delivered: c.delivered, opened: c.opened, openRate: c.openRate, replied: c.replied, replyRate: c.replyRate, smallSample: c.smallSample,
    });
    const out: EngagementOutput = {
      period: { label: period?.label ?? 'all time', from: window.from?.toISOString() ?? null, to: window.toExclusive.toISOString() },
      minSample: input.minSample,
      conversion,
      sendTimes: {
        sent: emails.length, delivered, bounced, untracked: emails.length - delivered - bounced,
        byHour: times.byHour, byWeekday: times.byWeekday, bestHour: times.bestHour, bestWeekday: times.bestWeekday, timeZones: times.zoneSources,
      },
      subjectLines: subjects.map(contentOut),
      templates: templates.map(contentOut),
      abTests: abTests.map((r) => ({
        id: r.test.id,
        name: r.test.name,
        metric: r.test.metric,
        campaign: r.test.campaign,
        startsAt: r.test.startsAt?.toISOString() ?? null,
        endsAt: r.test.endsAt?.toISOString() ?? null,
        a: { ...r.a, rate: r.verdict.rateA },
        b: { ...r.b, rate: r.verdict.rateB },
        liftPoints: r.verdict.liftPoints,
        relativeLiftPct: r.verdict.relativeLiftPct,
        z: r.verdict.z,
        pValue: r.verdict.pValue,
        confidenceInterval: r.verdict.confidenceInterval,
        significant: r.verdict.significant,
        winner: r.verdict.winner,
        verdict: r.verdict.verdict,
      })),
      meetings: show,
      objections: { total: objectionsOut.total, items: objectionsOut.items.map(({ objection, count, share }) => ({ objection, count, share })) },
      questions: { total: questionsOut.total, distinct: questionsOut.distinct, items: questionsOut.items.map(({ question, count, share }) => ({ question, count, share })) },
      method: METHOD,
      notes,
      evidence,
    };
    return out;
  },
});
