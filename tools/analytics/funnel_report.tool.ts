import { z } from 'zod';
import { funnelCohort } from '../../db/repos/analytics-funnel.ts';
import { evidenceList, isoDateTime, percent } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { FUNNEL_GROUPINGS, FUNNEL_STEPS, groupFunnel, reachOf, summarizeFunnel, type FunnelStep } from './funnel.ts';
import { isoDay, parsePeriod, resolveSpan, spanBound, spanInput } from './period.ts';
import { periodOf, periodOutput, resolveReportFilters } from './revenue-common.ts';

const GROUP_CAP = 50;
const EVIDENCE_PER_STEP = 2;

const stepRow = z
  .object({
    step: z.enum(FUNNEL_STEPS).describe('the funnel step'),
    count: z.number().int().describe('cohort leads that reached the step'),
    shareOfCohort: percent.nullable().describe('count / cohort size; null for an empty cohort'),
    conversionToNext: percent.nullable().describe('leads reaching the next step / leads reaching this one; null for the last step or when none reached this one'),
    dropOffToNext: percent.nullable().describe('100 - conversionToNext; null with it'),
  })
  .describe('one step of the funnel');

const timingRow = z
  .object({
    from: z.enum(FUNNEL_STEPS).describe('the earlier step'),
    to: z.enum(FUNNEL_STEPS).describe('the later step'),
    samples: z.number().int().describe('leads with a dated entry into both steps'),
    medianDays: z.number().nullable().describe('median days between the two, one decimal; null without samples'),
    p80Days: z.number().nullable().describe('80th percentile of days between the two (percentile_cont); null without samples'),
  })
  .describe('time taken between two steps');

const funnelFields = {
  leads: z.number().int().describe('leads in the cohort'),
  steps: z.array(stepRow).describe('lead -> qualified -> opportunity -> customer'),
  overallConversion: percent.nullable().describe('customers / leads; null for an empty cohort'),
  timing: z.array(timingRow).describe('time between steps: lead->qualified, qualified->opportunity, opportunity->customer, lead->customer'),
};

export const funnelReport = defineTool({
  name: 'funnel_report',
  description:
    'The lead funnel for the leads created in a period: how many reached qualified, opportunity and customer, conversion and drop-off from each step to the next, and the days taken between steps (median and 80th percentile), overall and grouped by source, rep, product (of the lead\'s first deal) or campaign. Only leads you can see.',
  input: z.object({
    period: spanInput.optional().describe('leads created in this period: "2026-Q3", "2026-07", last_quarter, this_year, last_90_days, ytd... (default this_quarter); or give from/to'),
    from: spanBound.optional().describe('leads created on or after this date or instant (instead of period; alone: up to now)'),
    to: spanBound.optional().describe('leads created up to this date (its whole day) or instant, inclusive (instead of period; alone: since the first lead)'),
    groupBy: z.enum(FUNNEL_GROUPINGS).default('none').describe('break the funnel down by lead source, owning rep, product of the lead\'s first deal, or campaign'),
    owner: z.string().trim().min(1).optional().describe('only leads owned by this person (id, email or name)'),
    team: z.string().trim().min(1).optional().describe('only leads owned by this team\'s members (team id or name)'),
  }),
  output: z.object({
    period: periodOutput,
    asOf: isoDateTime.describe('stage changes up to this instant count'),
    cohort: z.string().describe('how the cohort and the steps are defined'),
    groupBy: z.enum(FUNNEL_GROUPINGS).describe('the breakdown used'),
    overall: z.object(funnelFields).describe('the whole cohort'),
    groups: z
      .array(z.object({ key: z.string().describe('source, rep id, product id or campaign id ("-" when missing)'), label: z.string().describe('its name'), ...funnelFields }).describe('the funnel of one group'))
      .describe(`the breakdown, largest group first (at most ${GROUP_CAP}); empty when groupBy is none`),
    groupsTotal: z.number().int().describe('groups before the cap'),
    notes: z.array(z.string()).describe('caveats behind the figures'),
    evidence: evidenceList,
  }),
  annotations: { title: 'Funnel report', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const span = resolveSpan(input, ctx.now, parsePeriod('this_quarter', ctx.now))!;
    // an open end of a custom range: since the beginning, or up to and including now
    const period = { label: span.label, start: span.start ?? new Date(0), end: span.end ?? new Date(ctx.now.getTime() + 1) };
    const { owner, team } = await resolveReportFilters(ctx, { owner: input.owner, team: input.team });
    const leads = await funnelCohort(ctx.db, ctx.scope, {
      from: period.start,
      toExclusive: period.end,
      asOf: ctx.now,
      ...(owner ? { ownerId: owner.id } : {}),
      ...(team ? { teamId: team.id } : {}),
    });
    const summary = summarizeFunnel(leads);
    const groups = input.groupBy === 'none' ? [] : groupFunnel(input.groupBy, leads);
    const strip = <T extends { undated: number; outOfOrder: number }>({ undated: _u, outOfOrder: _o, ...rest }: T) => rest;

    const evidence = FUNNEL_STEPS.flatMap((step: FunnelStep) =>
      leads
        .map((lead) => ({ lead, reach: reachOf(lead)[step] }))
        .filter((x) => x.reach.reached)
        .slice(0, EVIDENCE_PER_STEP)
        .map(({ lead, reach }) =>
          step === 'lead'
            ? { sourceId: lead.id, kind: 'lead', date: lead.createdAt.toISOString(), quote: `${lead.name} (${lead.source ?? 'unknown source'}) created ${isoDay(lead.createdAt)}` }
            : {
                sourceId: reach.eventId ?? lead.id,
                kind: reach.eventId ? 'stage_change' : 'lead',
                date: reach.at ? reach.at.toISOString() : null,
                quote: reach.at ? `${lead.name} reached ${step} on ${isoDay(reach.at)}` : `${lead.name} is at ${lead.stage} now (no dated stage change)`,
              },
        ),
    );
    const notes = [
      ...(ctx.now < period.end ? [`${period.label} is still running: its newest leads have had little time to convert, so later steps will still grow.`] : []),
      ...(input.groupBy === 'product' ? ['Product is that of the lead\'s first deal you can see; leads with no deal form the "(no opportunity)" group.'] : []),
      ...(summary.undated > 0 ? [`${summary.undated} lead(s) reached a step only per their current stage (no dated stage change): counted, not timed.`] : []),
      ...(summary.outOfOrder > 0 ? [`${summary.outOfOrder} lead(s) have stage changes dated before their creation (imports): left out of the timing.`] : []),
    ];
    return {
      period: periodOf(period),
      asOf: ctx.now.toISOString(),
      cohort:
        `Leads created ${periodOf(period).start} to ${periodOf(period).end} (merged duplicates excluded) that you can see${owner ? `, owned by ${owner.label}` : ''}${team ? `, owned by team ${team.label}` : ''}. ` +
        'A lead reached a step if it ever entered that stage or a later one (by its stage history up to now, or its current stage): qualified = qualified, opportunity or customer; opportunity = opportunity or customer; customer = customer. A later disqualification does not undo a step.',
      groupBy: input.groupBy,
      overall: strip(summary),
      groups: groups.slice(0, GROUP_CAP).map(strip),
      groupsTotal: groups.length,
      notes,
      evidence,
    };
  },
});
