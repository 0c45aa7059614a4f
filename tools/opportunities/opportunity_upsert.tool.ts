import { z } from 'zod';
import { FORECAST_CATEGORIES, LEAD_SOURCES, OPEN_OPPORTUNITY_STAGES } from '../../core/domain.ts';
import {
  appendFieldHistory,
  appendStageHistory,
  findOpportunitiesByName,
  getOpportunityRow,
  insertOpportunity,
  updateOpportunity,
  type OpportunityRow,
} from '../../db/repos/opportunities.ts';
import { inScope } from '../../db/repos/scope.ts';
import type { ToolContext } from '../core/context.ts';
import { ambiguous, conflict, forbidden, invalidInput, notFound } from '../core/errors.ts';
import { resolveAccount, resolveLead, resolveOpportunity, resolveProduct, resolveUser } from '../core/resolve.ts';
import { isoDate, percent } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { diffDeal, fieldHistoryRows, type DealPatch } from './opportunity-upsert-diff.ts';
import { currencyField, stageField } from './opportunity-shared.ts';

const change = z
  .object({ field: z.string().describe('field name'), from: z.unknown().describe('value before (null on create)'), to: z.unknown().describe('value after') })
  .describe('one field changed');

const input = z.object({
  opportunity: z.string().trim().min(1).optional().describe('the deal to update (id or name); leave out to create, or to update the deal with this name at this account'),
  name: z.string().trim().min(2).max(200).optional().describe('deal name (required to create)'),
  account: z.string().trim().min(1).optional().describe('the account: id, name or domain (required to create)'),
  owner: z.string().trim().min(1).optional().describe('owning rep (id, email or name); default you. A rep can only own their own deals'),
  product: z.string().trim().min(1).optional().describe('main product: id, name or SKU'),
  primaryContact: z.string().trim().min(1).optional().describe('primary contact: lead id, email or name'),
  valueMinor: z.number().int().min(0, 'must be 0 or more').optional().describe('deal value in minor units (cents); required to create'),
  currency: currencyField.optional(),
  stage: stageField.optional().describe('stage for a new deal (an open stage, default prospecting); to move an existing deal use opportunity_set_stage'),
  probability: percent.nullable().optional().describe('win probability 0-100 as the rep sees it; null clears it'),
  expectedCloseDate: isoDate.nullable().optional().describe('expected close date; null clears it'),
  discountPct: percent.nullable().optional().describe('discount off list price, percent'),
  competitors: z.array(z.string().trim().min(1).describe('a competitor name')).max(20).optional().describe('competitors in the deal (replaces the list)'),
  decisionCriteria: z.array(z.string().trim().min(1).describe('a criterion')).max(20).optional().describe('the buyer\'s decision criteria (replaces the list)'),
  nextSteps: z.string().trim().max(1000).nullable().optional().describe('agreed next steps'),
  source: z.enum(LEAD_SOURCES).optional().describe('where the deal came from'),
  forecastCategory: z.enum(FORECAST_CATEGORIES).exclude(['closed']).optional().describe('forecast category (pipeline, best_case, commit, omitted)'),
});
type Input = z.infer<typeof input>;

/** Resolves the references in the input into column values; undefined = not asked to change. */
async function toPatch(input: Input, ctx: ToolContext): Promise<DealPatch> {
  const [account, owner, product, contact] = await Promise.all([
    input.account ? resolveAccount(ctx, input.account) : undefined,
    input.owner ? resolveUser(ctx, input.owner) : undefined,
    input.product ? resolveProduct(ctx, input.product) : undefined,
    input.primaryContact ? resolveLead(ctx, input.primaryContact) : undefined,
  ]);
  return {
    name: input.name,
    accountId: account?.id,
    ownerId: owner?.id,
    productId: product?.id,
    primaryContactId: contact?.id,
    valueMinor: input.valueMinor,
    currency: input.currency?.toUpperCase(),
    probability: input.probability,
    expectedCloseDate: input.expectedCloseDate,
    discountPct: input.discountPct,
    competitors: input.competitors,
    decisionCriteria: input.decisionCriteria,
    nextSteps: input.nextSteps,
    source: input.source,
    forecastCategory: input.forecastCategory,
  };
}

/** A rep owns only their own deals; a manager assigns within the team; an admin anywhere. */
function checkOwner(ctx: ToolContext, ownerId: string) {
  if (ctx.actor.role === 'rep' && ownerId !== ctx.actor.userId) throw forbidden('A rep can only create or own deals themself', 'leave owner out, or ask your manager to assign the deal');
  if (!inScope(ctx.scope, ownerId)) throw forbidden('That owner is outside your team', 'pick an owner from your own team');
}

async function findTarget(input: Input, ctx: ToolContext, accountId: string | undefined): Promise<OpportunityRow | undefined> {
  if (input.opportunity) {
    const match = await resolveOpportunity(ctx, input.opportunity);
    const row = await getOpportunityRow(ctx.db, ctx.scope, match.id);
    if (!row) throw notFound('opportunity', input.opportunity);
    return row;
  }
  const missing = [...(input.name ? [] : ['name']), ...(accountId ? [] : ['account'])];
  if (missing.length > 0) throw invalidInput(missing.map((field) => ({ field, message: 'required to create a deal (or name the deal in `opportunity` to update it)' })));
  const found = await findOpportunitiesByName(ctx.db, ctx.scope, input.name!, accountId!);
  if (found.length > 1) throw ambiguous('opportunity', input.name!, found.map((d) => ({ id: d.id, label: d.name, detail: `${d.stage} · created ${d.createdAt.toISOString().slice(0, 10)}` })));
  return found[0];
}

export const opportunityUpsert = defineTool({
  name: 'opportunity_upsert',
  description:
    'Create a deal, or update one (by id or name, or by deal name + account: the same name at the same account updates instead of duplicating). Value, probability and close date changes are kept in field history; a new deal gets its first stage history row. Sending what is already stored changes nothing. Stage moves go through opportunity_set_stage.',
  input,
  output: z.object({
    opportunityId: z.string().describe('the deal created or updated'),
    name: z.string().describe('deal name'),
    result: z.enum(['created', 'updated', 'unchanged']).describe('what happened'),
    changes: z.array(change).describe('the fields written, with old and new values'),
  }),
  annotations: { title: 'Create or update opportunity', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const patch = await toPatch(input, ctx);
    const target = await findTarget(input, ctx, patch.accountId ?? undefined);
    const by = { userId: ctx.actor.userId, at: ctx.now };

    if (!target) {
      const issues = [
        ...(input.valueMinor === undefined ? [{ field: 'valueMinor', message: 'required to create a deal' }] : []),
        ...(input.stage && !(OPEN_OPPORTUNITY_STAGES as readonly string[]).includes(input.stage)
          ? [{ field: 'stage', message: 'a new deal starts in an open stage; close it with opportunity_set_stage' }]
          : []),
      ];
      if (issues.length > 0) throw invalidInput(issues);
      const ownerId = patch.ownerId ?? ctx.actor.userId;
      checkOwner(ctx, ownerId);
      const stage = input.stage ?? 'prospecting';
      const values = { ...patch, name: input.name!, accountId: patch.accountId!, ownerId, valueMinor: input.valueMinor!, stage, stageEnteredAt: ctx.now, createdAt: ctx.now, updatedAt: ctx.now };
      const id = await insertOpportunity(ctx.db, values);
      await appendStageHistory(ctx.db, {
        opportunityId: id, fromStage: null, toStage: stage, probability: values.probability ?? null, valueMinor: values.valueMinor,
        expectedCloseDate: values.expectedCloseDate ?? null, reason: 'created', changedById: ctx.actor.userId, changedAt: ctx.now,
      });
      const changes = Object.entries({ ...patch, ownerId, stage }).filter(([, v]) => v !== undefined).map(([field, to]) => ({ field, from: null, to }));
      return { opportunityId: id, name: values.name, result: 'created' as const, changes };
    }

    if (input.stage && input.stage !== target.stage) {
      throw conflict(`${target.name} is in ${target.stage}; opportunity_upsert does not move stages`, 'call opportunity_set_stage with a reason');
    }
    // found by name + account: the name was the key, not a rename (it may differ only in case)
    const { set, changes } = diffDeal(target, input.opportunity ? patch : { ...patch, name: undefined });
    if (set.ownerId !== undefined) {
      if (ctx.actor.role === 'rep') throw forbidden('A rep cannot reassign a deal', 'ask your manager to reassign it');
      checkOwner(ctx, set.ownerId);
    }
    if (changes.length === 0) return { opportunityId: target.id, name: target.name, result: 'unchanged' as const, changes: [] };
    const written = await updateOpportunity(ctx.db, ctx.scope, target.id, { ...set, updatedAt: ctx.now });
    if (!written) throw notFound('opportunity', input.opportunity ?? target.name);
    await appendFieldHistory(ctx.db, fieldHistoryRows(target.id, changes, by));
    return { opportunityId: target.id, name: set.name ?? target.name, result: 'updated' as const, changes };
  },
  audit: (_input, output) => ({
    action: `opportunity.${output.result}`,
    recordType: 'opportunity',
    recordId: output.opportunityId,
    changes: output.changes,
  }),
});
