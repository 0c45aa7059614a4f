import type { ObjectionType } from '../../../core/domain.ts';
import { dealPeople, interactionBodies, leadOwnTexts, senderOf, type DealPerson, type OwnTextRow, type SenderRow } from '../../../db/repos/comms-context.ts';
import { dealContext, type DealContext } from '../../../db/repos/intel-actions.ts';
import { recordInteractions, type LinkedInteraction } from '../../../db/repos/interactions.ts';
import { getLeadWithContext, leadOpenTasks, leadOpportunities, leadQualificationRows, type LeadWithContext, type QualificationRow, type TaskRow } from '../../../db/repos/lead-detail.ts';
import type { ToolContext } from '../../core/context.ts';
import { conflict, invalidInput, notFound } from '../../core/errors.ts';
import { resolveLead, resolveOpportunity } from '../../core/resolve.ts';
import { extractSignals } from '../../ingest/signals/index.ts';

// Everything a draft, script or brief is composed from, for one person (and their open deal). Loaded once
// per call, inside the caller's scope; the sender is the caller (the person who will send it).

const TIMELINE = 40;
const OWN_TEXTS = 8;

export interface RaisedObjection {
  interaction: LinkedInteraction;
  type: ObjectionType;
  /** the sentence that carries it, else the interaction's quote */
  quote: string;
}

export interface CommsContext {
  now: Date;
  person: LeadWithContext;
  sender: SenderRow | null;
  timeline: LinkedInteraction[];
  ownTexts: OwnTextRow[];
  deal: DealContext | null;
  people: DealPerson[];
  qualifications: QualificationRow[];
  openTasks: TaskRow[];
  objections: RaisedObjection[];
}

export interface TargetInput {
  lead?: string | undefined;
  opportunity?: string | undefined;
}

/** lead -> that lead (and their most recent open deal); opportunity -> its primary contact and the deal. */
export async function loadCommsContext(ctx: ToolContext, target: TargetInput): Promise<CommsContext> {
  if (!target.lead && !target.opportunity) throw invalidInput([{ field: 'lead', message: 'name a lead or an opportunity' }]);
  let leadId: string;
  let deal: DealContext | null = null;
  if (target.opportunity) {
    const match = await resolveOpportunity(ctx, target.opportunity);
    deal = (await dealContext(ctx.db, ctx.scope, match.id)) ?? null;
    if (!deal) throw notFound('opportunity', target.opportunity);
    if (target.lead) leadId = (await resolveLead(ctx, target.lead)).id;
    else {
      // the primary contact when the caller may see them, else the first of the deal's people they may see
      const visible = await dealPeople(ctx.db, ctx.scope, deal.id);
      const chosen = visible[0]?.leadId;
      if (!chosen) throw conflict(`${deal.name} has no contact you can see`, 'name the lead to write to as well (one you own or your team owns)');
      leadId = chosen;
    }
  } else {
    leadId = (await resolveLead(ctx, target.lead as string)).id;
  }
  const person = await getLeadWithContext(ctx.db, ctx.scope, leadId);
  if (!person) throw notFound('lead', target.lead ?? leadId);
  if (person.lead.status === 'merged') throw conflict(`${person.lead.fullName} was merged into another lead`, 'use the lead it was merged into');
  if (!deal) {
    const open = (await leadOpportunities(ctx.db, ctx.scope, leadId, 5)).find((d) => d.outcome === null && !d.stage.startsWith('closed'));
    deal = open ? ((await dealContext(ctx.db, ctx.scope, open.id)) ?? null) : null;
  }
  const [timeline, ownTexts, qualifications, openTasks, sender, people] = await Promise.all([
    recordInteractions(ctx.db, 'lead', ctx.scope, leadId, { asOf: ctx.now, limit: TIMELINE }),
    leadOwnTexts(ctx.db, ctx.scope, leadId, ctx.now, OWN_TEXTS),
    leadQualificationRows(ctx.db, ctx.scope, leadId),
    leadOpenTasks(ctx.db, ctx.scope, leadId, 10),
    senderOf(ctx.db, ctx.actor.userId),
    deal ? dealPeople(ctx.db, ctx.scope, deal.id) : Promise.resolve([]),
  ]);
  const objections = await raisedObjections(ctx, leadId, timeline);
  return { now: ctx.now, person, sender: sender ?? null, timeline, ownTexts, deal, people, qualifications, openTasks, objections };
}

/** The objections on the lead's timeline, newest first, each with the sentence that voiced it. */
async function raisedObjections(ctx: ToolContext, leadId: string, timeline: LinkedInteraction[]): Promise<RaisedObjection[]> {
  const withObjection = timeline.filter((i) => i.objectionType !== null).slice(0, 6);
  const bodies = await interactionBodies(ctx.db, ctx.scope, leadId, withObjection.map((i) => i.id));
  return withObjection.map((interaction) => {
    const type = interaction.objectionType as ObjectionType;
    const body = bodies.get(interaction.id) ?? interaction.quote;
    const sentence = extractSignals(body, { now: interaction.occurredAt }).objections.find((o) => o.type === type);
    // call and meeting notes carry the words as '- Objection (price): "..."': the quote is what was said
    const quote = (sentence?.text ?? interaction.quote).trim().replace(/^[-*•]\s*(?:objection|concern)\s*\([^)]*\)\s*:\s*/i, '').replace(/^["“](.*)["”]$/s, '$1');
    return { interaction, type, quote };
  });
}

