import { z } from 'zod';
import { activeAnnotations, insertAnnotation, supersedeAnnotations } from '../../db/repos/feedback.ts';
import { getLead } from '../../db/repos/leads.ts';
import { getOpportunityRow } from '../../db/repos/opportunities.ts';
import type { ToolContext } from '../core/context.ts';
import { invalidInput, notFound } from '../core/errors.ts';
import { resolveLead, resolveOpportunity } from '../core/resolve.ts';
import { defineTool } from '../registry.ts';
import { correctLead, correctOpportunity } from './feedback/apply-correction.ts';
import { ANNOTATED_FIELDS, LEAD_FIELDS, OPPORTUNITY_FIELDS, sameJson, type LeadField, type OpportunityField } from './feedback/fields.ts';

const input = z.object({
  record: z.enum(['opportunity', 'lead']).describe('what is corrected: a deal or a lead'),
  target: z.string().trim().min(1, 'name the record').describe('the deal (id or name) or the lead (id, email or name)'),
  field: z
    .enum(ANNOTATED_FIELDS)
    .describe(`the field corrected. Deals: ${OPPORTUNITY_FIELDS.join(', ')}. Leads: ${LEAD_FIELDS.join(', ')}`),
  value: z
    .union([
      z.string().max(1000).describe('text, a stage, a date YYYY-MM-DD, or an owner (id, email or name)'),
      z.number().describe('a number: value in minor units (deal currency), probability 0-100, quantity'),
      z.object({ amountMinor: z.number().int().describe('minor units'), currency: z.string().describe('ISO 4217') }).describe('a deal value with its currency'),
      z.object({ value: z.number().describe('how many'), unit: z.string().describe('of what, e.g. seats') }).describe('a quantity with its unit'),
      z.null().describe('clears the field (close date, probability, next steps)'),
    ])
    .describe('the correct value'),
  note: z.string().trim().min(3, 'say why, in a few words').max(1000).optional().describe('why it is corrected (kept with the annotation; the reason for a stage change)'),
});

const change = z.object({ field: z.string().describe('field'), from: z.unknown().describe('before'), to: z.unknown().describe('after') }).describe('one field written');

const output = z.object({
  result: z.enum(['annotated', 'unchanged']).describe('annotated = the correction is stored (and applied); unchanged = the same correction was already in force'),
  record: z.enum(['opportunity', 'lead']).describe('record type'),
  recordId: z.string().describe('the record corrected'),
  label: z.string().describe('its name'),
  field: z.string().describe('the field'),
  value: z.unknown().describe('the value now in force (owners as user ids, money with its currency)'),
  previous: z.unknown().describe('the value before the correction'),
  annotationId: z.string().nullable().describe('the active annotation that keeps later imports from overwriting the field'),
  superseded: z.array(z.string().describe('an annotation id')).describe('earlier annotations of this field it replaces'),
  changes: z.array(change).describe('what was written to the record'),
});
type Output = z.infer<typeof output>;

interface Target {
  type: 'opportunity' | 'lead';
  id: string;
  label: string;
}

async function correct(ctx: ToolContext, record: 'opportunity' | 'lead', target: string, field: string, value: unknown, note: string | undefined) {
  if (record === 'opportunity') {
    if (!(OPPORTUNITY_FIELDS as readonly string[]).includes(field)) throw invalidInput([{ field: 'field', message: `a deal's correctable fields are ${OPPORTUNITY_FIELDS.join(', ')}` }]);
    const match = await resolveOpportunity(ctx, target);
    const deal = await getOpportunityRow(ctx.db, ctx.scope, match.id);
    if (!deal) throw notFound('opportunity', target);
    return { target: { type: record, id: deal.id, label: deal.name } satisfies Target, ...(await correctOpportunity(ctx, deal, field as OpportunityField, value, note)) };
  }
  if (!(LEAD_FIELDS as readonly string[]).includes(field)) throw invalidInput([{ field: 'field', message: `a lead's correctable fields are ${LEAD_FIELDS.join(', ')}` }]);
  const match = await resolveLead(ctx, target);
  const lead = await getLead(ctx.db, ctx.scope, match.id);
  if (!lead) throw notFound('lead', target);
  return { target: { type: record, id: lead.id, label: lead.fullName } satisfies Target, ...(await correctLead(ctx, lead, field as LeadField, value, note)) };
}

export const feedbackAnnotate = defineTool({
  name: 'feedback_annotate',
  description:
    'A reviewer\'s correction of one field of a deal (stage, owner, value, expectedCloseDate, probability, quantity, name, nextSteps) or a lead (lifecycleStage, owner, title, fullName, phone). Applies the value now through the same rules as the editing tools, and stores the correction so later imports (email, transcripts, CRM files) never overwrite that field: they record a conflict instead. A new correction of the same field supersedes the previous one; sending the correction already in force changes nothing.',
  input,
  output,
  annotations: { title: 'Correct a field (reviewer feedback)', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx): Promise<Output> {
    const { target, value, before, changes } = await correct(ctx, input.record, input.target, input.field, input.value, input.note);
    const [active] = await activeAnnotations(ctx.db, target.type, target.id, [input.field]);
    const base = { record: target.type, recordId: target.id, label: target.label, field: input.field, value, previous: before, changes };
    // the same correction again: nothing new to store; the record is re-aligned if someone edited it since
    if (active && sameJson(active.value, value)) return { ...base, result: changes.length > 0 ? ('annotated' as const) : ('unchanged' as const), annotationId: active.id, superseded: [] };
    const superseded = await supersedeAnnotations(ctx.db, target.type, target.id, input.field, ctx.now);
    const annotationId = await insertAnnotation(ctx.db, {
      recordType: target.type, recordId: target.id, field: input.field, value: value ?? null, previousValue: before ?? null,
      note: input.note ?? null, authorId: ctx.actor.userId, createdAt: ctx.now,
    });
    return { ...base, result: 'annotated' as const, annotationId, superseded };
  },
  audit: (_input, out) => ({
    action: out.result === 'annotated' ? 'feedback.annotated' : 'feedback.unchanged',
    recordType: out.record,
    recordId: out.recordId,
    changes: { field: out.field, from: out.previous, to: out.value, annotationId: out.annotationId, superseded: out.superseded, written: out.changes },
  }),
});
