import { z } from 'zod';
import { getLead, type LeadRecord } from '../../db/repos/leads.ts';
import { moveLeadRecords, recordMerge } from '../../db/repos/lead-merge.ts';
import { updateLead } from '../../db/repos/lead-upsert.ts';
import { isUuid } from '../../db/repos/resolve.ts';
import type { ToolContext } from '../core/context.ts';
import { conflict, notFound } from '../core/errors.ts';
import { resolveLead } from '../core/resolve.ts';
import { evidenceList, reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { planMerge, snapshotOf } from './merge-fill.ts';

const count = (what: string) => z.number().int().describe(what);

/** A lead to merge: visible, and not merged already (named by id, a merged lead is refused with a reason). */
async function mergeable(ctx: ToolContext, ref: string, role: string): Promise<LeadRecord> {
  if (isUuid(ref)) {
    const byId = await getLead(ctx.db, ctx.scope, ref);
    if (byId?.status === 'merged') throw conflict(`The ${role} ${byId.fullName} was already merged into ${byId.mergedIntoId}`, 'merge into that lead instead');
  }
  const match = await resolveLead(ctx, ref);
  const lead = await getLead(ctx.db, ctx.scope, match.id);
  if (!lead) throw notFound('lead', ref);
  return lead;
}

export const leadMerge = defineTool({
  name: 'lead_merge',
  description:
    'Merge a duplicate lead into a survivor: every interaction, task, engagement event, campaign touch, deal contact role and primary contact, stage history and score history row moves to the survivor; the survivor\'s empty fields are filled from the duplicate (its own values are kept and differences reported); the duplicate is marked merged and a merge record keeps its old row and the moved counts. Both leads must be yours to see; a lead cannot be merged into itself or merged twice.',
  input: z.object({
    survivor: reference('lead').describe('the lead that stays (id, email or name)'),
    duplicate: reference('lead').describe('the lead folded into it (id, email or name)'),
  }),
  output: z.object({
    mergeId: z.string().describe('the lead_merges record'),
    survivorId: z.string().describe('the lead that stays'),
    survivor: z.string().describe('its name'),
    duplicateId: z.string().describe('the lead merged away'),
    duplicate: z.string().describe('its name'),
    moved: z
      .object({
        interactions: count('interactions moved'),
        tasks: count('tasks moved'),
        engagementEvents: count('engagement events moved'),
        campaignTouches: count('campaign touches moved'),
        campaignTouchesCollapsed: count('touches dropped because the survivor had the same campaign touch at the same instant'),
        opportunityContacts: count('deal contact roles moved'),
        primaryContactOf: count('deals whose primary contact became the survivor'),
        stageHistory: count('stage history rows moved'),
        scoreHistory: count('score history rows moved'),
        alerts: count('alerts moved'),
        qualifications: count('BANT/MEDDIC results moved (frameworks the survivor lacked)'),
        priorMerges: count('leads merged into the duplicate before, now pointing at the survivor'),
      })
      .describe('rows moved to the survivor, by kind'),
    filled: z
      .array(z.object({ field: z.string().describe('field'), value: z.unknown().describe('value taken from the duplicate') }).describe('one filled field'))
      .describe('survivor fields filled or combined from the duplicate'),
    kept: z
      .array(
        z
          .object({
            field: z.string().describe('field'),
            survivor: z.unknown().describe('the survivor\'s value, kept'),
            duplicate: z.unknown().describe('the duplicate\'s differing value'),
          })
          .describe('one field where both had a value'),
      )
      .describe('fields where the two disagreed and the survivor\'s value was kept'),
    evidence: evidenceList,
  }),
  annotations: { title: 'Merge leads', readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  minRole: 'rep',
  async execute(input, ctx) {
    const survivor = await mergeable(ctx, input.survivor, 'survivor');
    const duplicate = await mergeable(ctx, input.duplicate, 'duplicate');
    if (survivor.id === duplicate.id) throw conflict(`${survivor.fullName} cannot be merged into itself`, 'name two different leads');

    const plan = planMerge(survivor, duplicate);
    const moved = await moveLeadRecords(ctx.db, ctx.scope, duplicate.id, survivor.id);
    if (!moved) throw notFound('lead', input.duplicate);
    if (Object.keys(plan.patch).length > 0) await updateLead(ctx.db, ctx.scope, survivor.id, { ...plan.patch, updatedAt: ctx.now }, ctx.actor.userId);
    const mergeId = await recordMerge(ctx.db, {
      survivorId: survivor.id,
      mergedId: duplicate.id,
      snapshot: snapshotOf(duplicate),
      moved,
      byUserId: ctx.actor.userId,
      at: ctx.now,
    });
    return {
      mergeId,
      survivorId: survivor.id,
      survivor: survivor.fullName,
      duplicateId: duplicate.id,
      duplicate: duplicate.fullName,
      moved,
      filled: plan.filled,
      kept: plan.kept,
      evidence: [
        { sourceId: duplicate.id, kind: 'lead', date: duplicate.createdAt.toISOString(), quote: `${duplicate.fullName} ${duplicate.email ?? ''}`.trim() },
        { sourceId: survivor.id, kind: 'lead', date: survivor.createdAt.toISOString(), quote: `${survivor.fullName} ${survivor.email ?? ''}`.trim() },
      ],
    };
  },
  audit: (_input, output) => [
    { action: 'lead.merged', recordType: 'lead', recordId: output.survivorId, changes: { duplicateId: output.duplicateId, moved: output.moved, filled: output.filled } },
    { action: 'lead.merged_into', recordType: 'lead', recordId: output.duplicateId, changes: { survivorId: output.survivorId, status: { to: 'merged' } } },
  ],
});
