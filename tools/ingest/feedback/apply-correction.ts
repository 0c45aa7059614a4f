import type { z } from 'zod';
import { fieldSourceRows } from '../../../db/repos/correlation-fields.ts';
import { appendFieldHistory, type OpportunityRow } from '../../../db/repos/opportunities.ts';
import type { LeadRecord } from '../../../db/repos/leads.ts';
import type { ToolContext } from '../../core/context.ts';
import { invalidInput } from '../../core/errors.ts';
import { resolveUser } from '../../core/resolve.ts';
import { leadSetStage } from '../../leads/lead_set_stage.tool.ts';
import { leadUpsert } from '../../leads/lead_upsert.tool.ts';
import { opportunitySetStage } from '../../opportunities/opportunity_set_stage.tool.ts';
import { opportunityUpsert } from '../../opportunities/opportunity_upsert.tool.ts';
import type { ToolDefinition } from '../../registry.ts';
import { sameJson } from '../correlation/json.ts';
import { currentHistoryValue } from '../correlation/provenance.ts';
import { leadValue, opportunityValue, VALUE_SCHEMAS, type LeadField, type OpportunityField } from './fields.ts';

// Applying a reviewer's correction now, through the very tools a person would use (opportunity_upsert,
// opportunity_set_stage, lead_upsert, lead_set_stage), so their rules hold: a rep cannot reassign a deal
// or reopen a closed one, a won deal needs a reason. Only the deal quantity, which has no column yet,
// is written here directly (as a field history row, where correlation reads it).

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

const REASON = 'reviewer correction';

/** Reads the value with the field's schema; a bad value is reported on `value`. */
export function readValue(field: OpportunityField | LeadField, raw: unknown): unknown {
  const parsed = VALUE_SCHEMAS[field].safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error.issues.map((i) => ({ field: ['value', ...i.path.map(String)].join('.'), message: i.message })));
  return parsed.data;
}

/** Runs another tool's logic inside this call (same transaction, same caller), after its own input check. */
async function run<T extends { changes?: Change[] }>(tool: ToolDefinition, input: Record<string, unknown>, ctx: ToolContext, stageField = 'stage'): Promise<Change[]> {
  const parsed = tool.input.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues.map((i) => ({ field: 'value', message: `${i.path.map(String).join('.') || tool.name}: ${i.message}` })));
  const output = (await tool.execute(parsed.data as z.infer<typeof tool.input>, ctx)) as T & { changed?: boolean; from?: unknown; to?: unknown };
  if (output.changes) return output.changes;
  return output.changed ? [{ field: stageField, from: output.from, to: output.to }] : [];
}

export async function quantityNow(ctx: ToolContext, dealId: string): Promise<unknown> {
  return currentHistoryValue(await fieldSourceRows(ctx.db, dealId, ['quantity']), 'quantity');
}

/** The normalised value (owners resolved to ids, money completed with the deal's currency) and the change made. */
export async function correctOpportunity(ctx: ToolContext, deal: OpportunityRow, field: OpportunityField, raw: unknown, note: string | undefined) {
  let value = readValue(field, raw);
  const id = deal.id;
  if (field === 'owner') value = (await resolveUser(ctx, value as string)).id;
  if (field === 'value') {
    const money = value as { amountMinor: number; currency: string | undefined };
    value = { amountMinor: money.amountMinor, currency: money.currency ?? deal.currency };
  }
  const before = opportunityValue(deal, field, field === 'quantity' ? await quantityNow(ctx, id) : null);
  let changes: Change[];
  switch (field) {
    case 'stage': {
      const stage = value as string;
      const closing = stage === 'closed_won' ? { wonReason: note ?? REASON } : stage === 'closed_lost' ? { lostReason: note ?? REASON } : {};
      changes = await run(opportunitySetStage, { opportunity: id, stage, reason: note ?? REASON, ...closing, reopen: true }, ctx);
      break;
    }
    case 'quantity':
      changes = sameJson(before, value) ? [] : [{ field: 'quantity', from: before, to: value }];
      if (changes.length > 0) {
        await appendFieldHistory(ctx.db, [{ opportunityId: id, field: 'quantity', oldValue: before, newValue: value, changedById: ctx.actor.userId, changedAt: ctx.now }]);
      }
      break;
    case 'value': {
      const money = value as { amountMinor: number; currency: string };
      changes = await run(opportunityUpsert, { opportunity: id, valueMinor: money.amountMinor, currency: money.currency }, ctx);
      break;
    }
    default:
      changes = await run(opportunityUpsert, { opportunity: id, [field]: value }, ctx);
  }
  return { value, before, changes };
}

export async function correctLead(ctx: ToolContext, lead: LeadRecord, field: LeadField, raw: unknown, note: string | undefined) {
  let value = readValue(field, raw);
  if (field === 'owner') value = (await resolveUser(ctx, value as string)).id;
  const before = leadValue(lead, field);
  const changes =
    field === 'lifecycleStage'
      ? await run(leadSetStage, { lead: lead.id, stage: value, reason: note ?? REASON }, ctx, 'lifecycleStage')
      : await run(leadUpsert, { lead: lead.id, [field]: value }, ctx);
  return { value, before, changes };
}
