import { z } from 'zod';
import { appendLeadMemory, readLeadMemory } from '../../db/repos/lead-memory.ts';
import { inScope } from '../../db/repos/scope.ts';
import { notFound } from '../core/errors.ts';
import { resolveLead } from '../core/resolve.ts';
import { reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';

// Words that mark a note as a pain point rather than a preference, when the caller does not say which.
const PAIN = /\b(pain|problem|struggl\w*|frustrat\w*|challeng\w*|issue|hurts?|bottleneck|complain\w*|slow|too long|manual)\b/i;

export const leadRemember = defineTool({
  name: 'lead_remember',
  description:
    'Remember something a user tells us about a lead: a preference ("prefers calls before 10") or a pain point ("their pain is onboarding time"). Stored on the lead (pain points in its pain points, everything in its memory) and shown by lead_get and to the drafting tools. Records a derived note, not a change to the lead\'s fields.',
  input: z.object({
    lead: reference('lead'),
    note: z.string().trim().min(3, 'say what to remember, in a few words').max(500).describe('what to remember about the lead, in plain words'),
    kind: z.enum(['preference', 'pain_point']).optional().describe('preference or pain_point; inferred from the note when left out'),
  }),
  output: z.object({
    leadId: z.string().describe('the lead the note is stored on'),
    lead: z.string().describe('the lead\'s name'),
    kind: z.enum(['preference', 'pain_point']).describe('how the note was filed'),
    note: z.string().describe('the note stored'),
    remembered: z.number().int().describe('notes remembered about this lead now, this one included'),
    duplicate: z.boolean().describe('true when the same note was already remembered (nothing added)'),
  }),
  // A derived-value write: it records what the user said and changes no owned field, so the copilot
  // runs it without an approval (the graph's ToolAnnotations approval flag, when it lands: approval: 'none').
  annotations: { title: 'Remember about a lead', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const lead = await resolveLead(ctx, input.lead);
    const current = await readLeadMemory(ctx.db, lead.id);
    if (!current || !inScope(ctx.scope, current.ownerId)) throw notFound('lead', input.lead);
    const kind = input.kind ?? (PAIN.test(input.note) ? 'pain_point' : 'preference');
    const duplicate = current.memory.some((m) => m.note.toLowerCase() === input.note.toLowerCase());
    if (!duplicate) {
      await appendLeadMemory(ctx.db, lead.id, { note: input.note, kind, at: ctx.now.toISOString(), byUserId: ctx.actor.userId }, ctx.now);
    }
    return { leadId: lead.id, lead: lead.label, kind, note: input.note, remembered: current.memory.length + (duplicate ? 0 : 1), duplicate };
  },
  audit: (input, output) => ({
    action: output.duplicate ? 'lead.memory_unchanged' : 'lead.memory_added',
    recordType: 'lead',
    recordId: output.leadId,
    changes: { memory: { kind: output.kind, note: output.note } },
  }),
});
