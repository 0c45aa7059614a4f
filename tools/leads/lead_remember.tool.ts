import { z } from 'zod';
import { addLeadMemory, countLeadMemories } from '../../db/repos/lead-memory.ts';
import { resolveLead } from '../core/resolve.ts';
import { reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';

export const leadRemember = defineTool({
  name: 'lead_remember',
  description:
    'Remember something a conversation taught us about a lead (a preference, their pain, who decides), kept on the lead so later drafts and deal advice use it. The same note twice is kept once.',
  input: z.object({
    lead: reference('lead'),
    note: z.string().trim().min(3, 'say what to remember').max(300).describe('what to remember, in a short sentence, e.g. "prefers calls before 10am"'),
  }),
  output: z.object({
    leadId: z.string().describe('the lead'),
    lead: z.string().describe("the lead's name"),
    note: z.string().describe('the note kept'),
    added: z.boolean().describe('false when the lead already had this note'),
    notes: z.number().int().describe('notes the lead has now'),
  }),
  // a note is context for the copilot, not a change to the record people own: audited, never asked about
  annotations: { title: 'Remember about a lead', readOnlyHint: false, destructiveHint: false, idempotentHint: true, approval: 'none' },
  minRole: 'rep',
  async execute(input, ctx) {
    const lead = await resolveLead(ctx, input.lead);
    const added = await addLeadMemory(ctx.db, { leadId: lead.id, note: input.note, createdBy: ctx.actor.userId, createdAt: ctx.now });
    return { leadId: lead.id, lead: lead.label, note: input.note, added, notes: await countLeadMemories(ctx.db, lead.id) };
  },
  audit: (input, output) => ({ action: output.added ? 'lead.memory_added' : 'lead.memory_unchanged', recordType: 'lead', recordId: output.leadId, changes: { note: input.note } }),
});
