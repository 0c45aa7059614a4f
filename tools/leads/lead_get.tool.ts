import { z } from 'zod';
import {
  getLeadWithContext,
  leadInteractions,
  leadOpenTasks,
  leadOpportunities,
  leadQualificationRows,
  leadScoreHistory,
} from '../../db/repos/lead-detail.ts';
import { isUuid } from '../../db/repos/resolve.ts';
import { notFound } from '../core/errors.ts';
import { resolveLead } from '../core/resolve.ts';
import { reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { leadGetOutput, OPPORTUNITY_CAP, TASK_CAP } from './lead-get-output.ts';
import { interactionQuote } from './lead-text.ts';

export const leadGet = defineTool({
  name: 'lead_get',
  description:
    'One lead in full: the person, their account and owner, the latest interactions (bounded), score history with the change at each step, remembered preferences (channel, contact hour, time zone, attributes) and pain points, open tasks, BANT/MEDDIC results and the deals they are on. Evidence = the interactions shown.',
  input: z.object({
    lead: reference('lead'),
    interactionLimit: z.number().int().min(1).max(50).default(10).describe('how many of the latest interactions to show (1-50)'),
    scoreHistoryLimit: z.number().int().min(1).max(50).default(10).describe('how many of the latest score history rows to show (1-50)'),
  }),
  output: leadGetOutput,
  annotations: { title: 'Get lead', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    // by id a merged lead can still be opened (it says where it went); by name or email only live ones match
    const leadId = isUuid(input.lead) ? input.lead : (await resolveLead(ctx, input.lead)).id;
    const found = await getLeadWithContext(ctx.db, ctx.scope, leadId);
    if (!found) throw notFound('lead', input.lead);
    const { lead, account, owner } = found;
    const [timeline, history, openTasks, qualifications, deals] = await Promise.all([
      leadInteractions(ctx.db, ctx.scope, lead.id, { asOf: ctx.now, limit: input.interactionLimit }),
      // one more than shown, so the oldest shown row still has a change
      leadScoreHistory(ctx.db, ctx.scope, lead.id, input.scoreHistoryLimit + 1),
      leadOpenTasks(ctx.db, ctx.scope, lead.id, TASK_CAP),
      leadQualificationRows(ctx.db, ctx.scope, lead.id),
      leadOpportunities(ctx.db, ctx.scope, lead.id, OPPORTUNITY_CAP),
    ]);
    return {
      lead: {
        id: lead.id,
        fullName: lead.fullName,
        firstName: lead.firstName,
        lastName: lead.lastName,
        email: lead.email,
        emailStatus: lead.emailStatus,
        phone: lead.phone,
        title: lead.title,
        seniority: lead.seniority,
        department: lead.department,
        lifecycleStage: lead.lifecycleStage,
        status: lead.status,
        source: lead.source,
        score: lead.score,
        grade: lead.grade,
        engagementScore: lead.engagementScore,
        qualificationStatus: lead.qualificationStatus,
        lastContactedAt: lead.lastContactedAt?.toISOString() ?? null,
        interactionCount: lead.interactionCount,
        createdAt: lead.createdAt.toISOString(),
        convertedAt: lead.convertedAt?.toISOString() ?? null,
        mergedIntoId: lead.mergedIntoId,
        budget: { minMinor: lead.budgetMinMinor, maxMinor: lead.budgetMaxMinor, currency: account?.currency ?? 'USD' },
        decisionTimeline: lead.decisionTimeline,
        decisionMakers: lead.decisionMakers,
        isDecisionMaker: lead.isDecisionMaker,
      },
      account: account
        ? { id: account.id, name: account.name, domain: account.domain, industry: account.industry, employees: account.employees, country: account.country, region: account.region }
        : null,
      owner: owner ? { id: owner.id, name: owner.fullName, email: owner.email } : null,
      preferences: {
        preferredChannel: lead.preferredChannel,
        preferredContactHour: lead.preferredContactHour,
        timeZone: lead.timeZone,
        attributes: lead.attributes,
      },
      painPoints: lead.painPoints,
      interactions: {
        total: timeline.total,
        shown: timeline.rows.map((i) => ({
          id: i.id,
          type: i.type,
          direction: i.direction,
          occurredAt: i.occurredAt.toISOString(),
          subject: i.subject,
          summary: interactionQuote(i, 240),
          sentiment: i.sentiment,
          outcome: i.outcome,
          opens: i.openCount,
          clicks: i.clickCount,
          replied: i.repliedAt !== null,
        })),
      },
      scoreHistory: history.slice(0, input.scoreHistoryLimit).map((h, index) => {
        const older = history[index + 1];
        return {
          score: h.score,
          grade: h.grade,
          computedAt: h.computedAt.toISOString(),
          change: older ? h.score - older.score : null,
          parts: h.parts,
        };
      }),
      openTasks: openTasks.map((t) => ({
        id: t.id,
        title: t.title,
        type: t.type,
        priority: t.priority,
        dueAt: t.dueAt?.toISOString() ?? null,
        overdue: t.dueAt !== null && t.dueAt.getTime() < ctx.now.getTime(),
      })),
      qualifications: qualifications.map((q) => ({
        framework: q.framework,
        metCount: q.metCount,
        criteriaCount: q.criteria.length,
        assessedAt: q.assessedAt.toISOString(),
        criteria: q.criteria,
      })),
      opportunities: deals.map((d) => ({
        id: d.id,
        name: d.name,
        stage: d.stage,
        valueMinor: d.valueMinor,
        currency: d.currency,
        expectedCloseDate: d.expectedCloseDate,
        outcome: d.outcome,
        primaryContact: d.primary,
        roles: d.roles,
      })),
      evidence: timeline.rows.map((i) => ({ sourceId: i.id, kind: i.type, date: i.occurredAt.toISOString(), quote: interactionQuote(i) })),
    };
  },
});
