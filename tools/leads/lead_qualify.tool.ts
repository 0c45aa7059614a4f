import { z } from 'zod';
import { getLead } from '../../db/repos/leads.ts';
import { getQualification, interactionTexts, saveQualification } from '../../db/repos/lead-qualify.ts';
import type { CriterionResult } from '../../db/schema/index.ts';
import { notFound } from '../core/errors.ts';
import { resolveLead } from '../core/resolve.ts';
import { evidenceItem, evidenceList, reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { assessCriteria, qualificationStatus } from './qualify-decide.ts';
import { FRAMEWORKS } from './qualify-rules.ts';

// Stable JSON (sorted keys): jsonb does not keep key order, so compare canonical forms.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const leadQualify = defineTool({
  name: 'lead_qualify',
  description:
    'Qualify a lead with BANT (budget, authority, need, timeline) or MEDDIC (metrics, economic buyer, decision criteria, decision process, identify pain, champion): each criterion met, unknown or unmet with the interaction passage (id, date, quoted sentence) or lead field behind it. The latest passage decides. Stores the result (replacing the previous one for that framework) and sets the lead\'s qualification status: qualified when all BANT / 5 of 6 MEDDIC are met, disqualified on no need or no budget, else in progress.',
  input: z.object({
    lead: reference('lead'),
    framework: z.enum(['BANT', 'MEDDIC']).default('BANT').describe('the checklist to apply'),
    interactionLimit: z.number().int().min(1).max(200).default(50).describe('how many of the latest interactions to read (1-200)'),
  }),
  output: z.object({
    leadId: z.string().describe('the lead'),
    lead: z.string().describe('the lead\'s name'),
    framework: z.enum(['BANT', 'MEDDIC']).describe('the checklist applied'),
    criteria: z
      .array(
        z
          .object({
            criterion: z.string().describe('the criterion'),
            status: z.enum(['met', 'unknown', 'unmet']).describe('what the evidence says'),
            basis: z.enum(['interaction', 'lead_field', 'none']).describe('where the decision came from'),
            reason: z.string().describe('why, in words'),
            evidence: z.array(evidenceItem).describe('the deciding passage first, then others (at most 3)'),
          })
          .describe('one criterion'),
      )
      .describe('each criterion of the framework'),
    metCount: z.number().int().describe('criteria met'),
    criteriaCount: z.number().int().describe('criteria in the framework'),
    qualificationStatus: z.enum(['qualified', 'disqualified', 'in_progress']).describe('the lead\'s qualification status now'),
    previousStatus: z.string().describe('the status before this run'),
    interactionsRead: z.number().int().describe('interactions whose text was read'),
    changed: z.boolean().describe('false when the stored result and status were already exactly this'),
    evidence: evidenceList,
  }),
  annotations: { title: 'Qualify lead', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const match = await resolveLead(ctx, input.lead);
    const lead = await getLead(ctx.db, ctx.scope, match.id);
    if (!lead) throw notFound('lead', input.lead);
    const texts = await interactionTexts(ctx.db, ctx.scope, lead.id, ctx.now, input.interactionLimit);
    const criteria = assessCriteria(input.framework, lead, texts);
    const status = qualificationStatus(input.framework, criteria);
    const metCount = criteria.filter((c) => c.status === 'met').length;
    const stored: CriterionResult[] = criteria.map(({ criterion, status: s, evidence }) => ({ criterion, status: s, evidence }));

    const existing = await getQualification(ctx.db, ctx.scope, lead.id, input.framework);
    const same = existing !== undefined && canonical(existing.criteria) === canonical(stored) && lead.qualificationStatus === status;
    if (!same) {
      const saved = await saveQualification(ctx.db, ctx.scope, { leadId: lead.id, framework: input.framework, criteria: stored, metCount, assessedAt: ctx.now, status, byUserId: ctx.actor.userId });
      if (!saved) throw notFound('lead', input.lead);
    }
    const evidence = [...new Map(criteria.flatMap((c) => c.evidence).map((e) => [`${e.sourceId}|${e.quote}`, e])).values()];
    return {
      leadId: lead.id,
      lead: lead.fullName,
      framework: input.framework,
      criteria,
      metCount,
      criteriaCount: FRAMEWORKS[input.framework].length,
      qualificationStatus: status,
      previousStatus: lead.qualificationStatus,
      interactionsRead: texts.length,
      changed: !same,
      evidence,
    };
  },
  audit: (_input, output) => ({
    action: output.changed ? 'lead.qualified' : 'lead.qualification_unchanged',
    recordType: 'lead',
    recordId: output.leadId,
    changes: {
      framework: output.framework,
      metCount: output.metCount,
      qualificationStatus: { from: output.previousStatus, to: output.qualificationStatus },
      criteria: Object.fromEntries(output.criteria.map((c) => [c.criterion, c.status])),
    },
  }),
});
