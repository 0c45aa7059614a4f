import { dealContactRoles, dealContext, leadContext, openTasksFor, qualificationsOf } from '../../db/repos/intel-actions.ts';
import { recordInteractions } from '../../db/repos/interactions.ts';
import { stageDurationStats } from '../../db/repos/stage-stats.ts';
import type { ToolContext } from '../core/context.ts';
import { conflict, notFound } from '../core/errors.ts';
import type { ActionFacts } from './next-actions.ts';
import { stuckInStage } from './risk-signals.ts';
import type { RiskThresholds } from './risk-thresholds.ts';

// Loads what next_best_action and deal_strategy reason over for one record the caller may see.

const TIMELINE = 100;

export async function loadDealFacts(ctx: ToolContext, id: string, reference: string, t: RiskThresholds): Promise<ActionFacts & { deal: NonNullable<ActionFacts['deal']> }> {
  const context = await dealContext(ctx.db, ctx.scope, id);
  if (!context) throw notFound('opportunity', reference);
  const [contacts, tasks, timeline, stats] = await Promise.all([
    dealContactRoles(ctx.db, ctx.scope, context),
    openTasksFor(ctx.db, ctx.scope, { kind: 'opportunity', id }),
    recordInteractions(ctx.db, 'opportunity', ctx.scope, id, { asOf: ctx.now, limit: TIMELINE }),
    stageDurationStats(ctx.db, { asOf: ctx.now, minSamples: t.stuckMinSamples }),
  ]);
  const qualifications = context.primaryContactId ? await qualificationsOf(ctx.db, ctx.scope, context.primaryContactId) : [];
  const open = context.closedAt === null && !context.stage.startsWith('closed');
  return {
    now: ctx.now,
    t,
    timeline,
    tasks,
    qualifications,
    deal: { context, contacts, stuck: open ? stuckInStage(context, stats.get(context.stage), ctx.now) : null },
  };
}

export async function loadLeadFacts(ctx: ToolContext, id: string, reference: string, t: RiskThresholds): Promise<ActionFacts & { lead: NonNullable<ActionFacts['lead']> }> {
  const lead = await leadContext(ctx.db, ctx.scope, id);
  if (!lead) throw notFound('lead', reference);
  if (lead.status === 'merged') throw conflict(`${lead.fullName} was merged into another lead`, 'ask about the lead it was merged into');
  const [tasks, timeline, qualifications] = await Promise.all([
    openTasksFor(ctx.db, ctx.scope, { kind: 'lead', id }),
    recordInteractions(ctx.db, 'lead', ctx.scope, id, { asOf: ctx.now, limit: TIMELINE }),
    qualificationsOf(ctx.db, ctx.scope, id),
  ]);
  return { now: ctx.now, t, timeline, tasks, qualifications, lead };
}
