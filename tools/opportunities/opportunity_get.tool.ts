import { z } from 'zod';
import {
  getOpportunityHeader,
  listDealContacts,
  listFieldHistory,
  listStageHistory,
  openDealTasks,
  recentDealInteractions,
} from '../../db/repos/opportunity-detail.ts';
import { notFound } from '../core/errors.ts';
import { resolveOpportunity } from '../core/resolve.ts';
import { pct, reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { opportunityGetOutput } from './opportunity-get-schema.ts';
import { daysBetween, moneyOf } from './opportunity-shared.ts';

const FIELD_HISTORY_CAP = 50;
const TASK_CAP = 20;
const QUOTE_CHARS = 200;

const clip = (text: string, max = QUOTE_CHARS) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);
const round1 = (v: number | null) => (v === null ? null : pct(v));

export const opportunityGet = defineTool({
  name: 'opportunity_get',
  description:
    'One deal in full: account, contacts with their roles, stage history with days spent in each stage, field history (value, probability, close date changes), competitors, decision criteria, next steps, the most recent interactions as evidence, and open tasks.',
  input: z.object({
    opportunity: reference('opportunity'),
    interactionLimit: z.number().int().min(0).max(50).default(10).describe('how many recent interactions to include (0-50)'),
  }),
  output: opportunityGetOutput,
  annotations: { title: 'Get opportunity', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const match = await resolveOpportunity(ctx, input.opportunity);
    const header = await getOpportunityHeader(ctx.db, ctx.scope, match.id);
    if (!header) throw notFound('opportunity', input.opportunity);
    const { deal } = header;
    const [contacts, history, fields, interactions, tasks] = await Promise.all([
      listDealContacts(ctx.db, ctx.scope, deal.id, deal.primaryContactId),
      listStageHistory(ctx.db, ctx.scope, deal.id),
      listFieldHistory(ctx.db, ctx.scope, deal.id, FIELD_HISTORY_CAP),
      recentDealInteractions(ctx.db, ctx.scope, deal.id, ctx.now, input.interactionLimit),
      openDealTasks(ctx.db, ctx.scope, deal.id, TASK_CAP),
    ]);

    const stageHistory = history.map((h, i) => {
      const next = history[i + 1];
      return {
        id: h.id,
        from: h.fromStage,
        to: h.toStage,
        changedAt: h.changedAt.toISOString(),
        changedBy: h.changedBy,
        reason: h.reason,
        probability: round1(h.probability),
        value: h.valueMinor === null ? null : moneyOf(h.valueMinor, deal.currency),
        expectedCloseDate: h.expectedCloseDate,
        // a stay lasts until the next change; the last one is still running
        daysInStage: daysBetween(h.changedAt, next ? next.changedAt : ctx.now),
        current: next === undefined,
      };
    });
    const recent = interactions.rows.map((r) => ({
      id: r.id,
      type: r.type,
      direction: r.direction,
      occurredAt: r.occurredAt.toISOString(),
      contact: r.contact,
      subject: r.subject,
      summary: clip(r.summary ?? r.body),
      sentiment: r.sentiment,
    }));
    const evidence = [
      ...recent.map((r) => ({ sourceId: r.id, kind: r.type, date: r.occurredAt, quote: r.subject ? `${r.subject}: ${r.summary}` : r.summary })),
      ...stageHistory.map((s) => ({
        sourceId: s.id,
        kind: 'stage_change',
        date: s.changedAt,
        quote: `${s.from ?? 'created'} -> ${s.to}${s.reason ? `: ${clip(s.reason)}` : ''}`,
      })),
    ];

    return {
      opportunity: {
        id: deal.id,
        name: deal.name,
        owner: header.ownerName,
        product: header.productName,
        stage: deal.stage,
        stageEnteredAt: deal.stageEnteredAt.toISOString(),
        daysInStage: daysBetween(deal.stageEnteredAt, ctx.now),
        value: moneyOf(deal.valueMinor, deal.currency),
        discountPct: round1(deal.discountPct),
        probability: round1(deal.probability),
        expectedCloseDate: deal.expectedCloseDate,
        forecastCategory: deal.forecastCategory,
        source: deal.source,
        outcome: deal.outcome,
        closedAt: deal.closedAt?.toISOString() ?? null,
        wonReason: deal.wonReason,
        lostReason: deal.lostReason,
        lostToCompetitor: deal.lostToCompetitor,
        createdAt: deal.createdAt.toISOString(),
      },
      account: header.account,
      contacts: contacts
        .map((c) => ({ leadId: c.leadId, name: c.fullName, title: c.title, email: c.email, role: c.role, primary: c.leadId === deal.primaryContactId }))
        .sort((a, b) => Number(b.primary) - Number(a.primary)),
      stageHistory,
      fieldHistory: fields.map((f) => ({ field: f.field, from: f.oldValue, to: f.newValue, changedAt: f.changedAt.toISOString(), changedBy: f.changedBy })),
      competitors: deal.competitors,
      // named in the deal's mail and calls; a person confirms one by adding it to competitors
      competitorCandidates: deal.competitorCandidates.filter((c) => !deal.competitors.some((n) => n.toLowerCase() === c.name.toLowerCase())).map((c) => ({ ...c, status: 'unconfirmed' as const })),
      decisionCriteria: deal.decisionCriteria,
      nextSteps: deal.nextSteps,
      interactions: { total: interactions.total, recent },
      openTasks: tasks.map((t) => ({ ...t, dueAt: t.dueAt?.toISOString() ?? null })),
      evidence,
    };
  },
});
