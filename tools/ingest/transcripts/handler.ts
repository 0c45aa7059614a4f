import { countInteractionOnLead, insertInteraction } from '../../../db/repos/ingest-interactions.ts';
import { dealLink, insertMeetingTasks, leadLinks, type NewMeetingTask } from '../../../db/repos/ingest-transcript.ts';
import { correlateFragment, valuesFromSignals, type CorrelationOutcome, type FragmentParticipant } from '../correlation/index.ts';
import { storeSignals, type ItemContext, type ItemHandler, type ItemOutcome, type RawItem } from '../core/index.ts';
import { extractSignals } from '../signals/index.ts';
import { actionItemKey, actionTaskTitle, businessDue, dueInstant, type Commitment } from '../core/action-tasks.ts';
import { actionTakers, commitmentsOf, type ActionTaker } from './action-takers.ts';
import { matchAttendee, type AttendeeMatch } from './match.ts';
import { buildSections, type TranscriptSections } from './sections.ts';
import type { Turn } from './turns.ts';
import type { Transcript } from './types.ts';

// One transcript -> one meeting interaction: participants matched to users and leads, sections and
// signals in metadata, then correlated with deals: the deal named in the input is merged into directly,
// else correlation decides from the people, account, deal tags and names (a tie or no match links no
// deal; the lead's most recent deal is no longer guessed). The action items become tasks of the colleagues
// who took them, linked to that deal (action-takers.ts; one key per meeting and item, shared with
// meeting_summary: a re-run adds none); items taken by others stay on the meeting as their commitments.

export interface TranscriptPayload {
  transcript: Transcript;
  turns: Turn[];
  title: string;
  occurredAt: Date;
  opportunityId: string | null;
  participants: { name: string; email?: string }[];
  createTasks: boolean;
  knownCompetitors?: string[];
}

export interface TranscriptResult {
  sourceItemId: string;
  interactionId: string;
  sections: TranscriptSections;
  matches: (AttendeeMatch | null)[];
  opportunityId: string | null;
  correlation: CorrelationOutcome;
  leadId: string | null;
  taskIds: string[];
  /** per action item, the task it became (null: none) */
  taskOwners: (string | null)[];
  /** items someone outside the org (or the importer's reach) took */
  commitments: Commitment[];
}

/** "Dana Ruiz: text" lines: the body stored, searched and embedded. */
export const bodyOf = (turns: readonly Turn[]): string => turns.map((t) => (t.speaker ? `${t.speaker}: ${t.text}` : t.text)).join('\n');

function summaryOf(p: TranscriptPayload, s: TranscriptSections): string {
  if (p.transcript.headers.summary) return p.transcript.headers.summary.slice(0, 2000);
  const minutes = p.transcript.durationSeconds === null ? '' : `, ${Math.round(p.transcript.durationSeconds / 60)} min`;
  return `${p.title}: ${p.transcript.speakers.length} speaker(s)${minutes}; ${s.actionItems.length} action item(s), ${s.objections.length} objection(s), ${s.decisions.length} decision(s), ${s.pricing.length} pricing mention(s).`;
}

export function transcriptHandler(results: Map<number, TranscriptResult>): ItemHandler<TranscriptPayload> {
  return async (item: RawItem<TranscriptPayload>, ctx: ItemContext): Promise<ItemOutcome> => {
    const p = item.payload;
    const sections = buildSections(p.turns, p.transcript.speakers, {
      now: p.occurredAt,
      participants: p.participants,
      headers: p.transcript.headers,
      ...(p.knownCompetitors ? { knownCompetitors: p.knownCompetitors } : {}),
    });
    const matches: (AttendeeMatch | null)[] = [];
    for (const a of sections.attendees) matches.push(await matchAttendee(ctx.tx, ctx.scope, a));
    const leadIds = [...new Set(matches.flatMap((m) => (m?.kind === 'lead' ? [m.id] : [])))];
    const leads = await leadLinks(ctx.tx, ctx.scope, leadIds);
    // who held the meeting: the caller when they attended, else a colleague in their scope who did, else the caller
    const me = ctx.actor?.userId;
    const inScopeUser = (id: string) => ctx.scope.kind === 'all' || ctx.scope.userIds.includes(id);
    const users = matches.filter((m): m is AttendeeMatch => m?.kind === 'user');
    const holderId = users.find((m) => m.id === me)?.id ?? users.find((m) => inScopeUser(m.id))?.id ?? me ?? null;
    const deal = p.opportunityId ? await dealLink(ctx.tx, ctx.scope, p.opportunityId) : undefined;
    const takers = p.createTasks ? await actionTakers(ctx, sections, matches) : [];
    const commitments = commitmentsOf(sections, takers);
    const body = bodyOf(p.turns);
    // no single speaker for the whole body: "I'll send..." is attributed per turn in the sections, not here
    const extracted = extractSignals(body, { now: p.occurredAt, participants: sections.attendees.map((a) => a.name) });
    const signals = storeSignals(extracted, ctx.sourceItemId);
    const interactionId = await insertInteraction(ctx.tx, {
      type: 'meeting',
      direction: matches.length > 0 && matches.every((m) => m?.kind === 'user') ? 'internal' : 'outbound',
      channel: 'video',
      leadId: leads[0]?.id ?? null,
      accountId: deal?.accountId ?? leads[0]?.accountId ?? null,
      opportunityId: deal?.id ?? null,
      userId: holderId,
      subject: p.title,
      body,
      summary: summaryOf(p, sections),
      ...signals.fields,
      durationSeconds: p.transcript.durationSeconds === null ? null : Math.round(p.transcript.durationSeconds),
      occurredAt: p.occurredAt,
      sourceItemId: ctx.sourceItemId,
      metadata: {
        transcript: { format: p.transcript.format, cues: p.transcript.cues.length, turns: p.turns.length, speakers: p.transcript.speakers, headers: p.transcript.headers, warnings: p.transcript.warnings },
        participants: sections.attendees.map((a, i) => ({ name: a.name, email: a.email, spoke: a.spoke, match: matches[i] ?? null })),
        sections,
        signals: signals.stored,
        ...(commitments.length > 0 ? { commitments } : {}),
      },
      createdAt: ctx.now,
    });
    for (const lead of leads) await countInteractionOnLead(ctx.tx, ctx.scope, lead.id, { at: p.occurredAt, outbound: true, byUserId: holderId });
    const accountOf = new Map(leads.map((l) => [l.id, l.accountId]));
    const participants: FragmentParticipant[] = matches.flatMap((m, i) => (m ? [{ kind: m.kind, id: m.id, email: sections.attendees[i]?.email ?? m.label, accountId: accountOf.get(m.id) ?? null }] : []));
    const correlation = await correlateFragment(ctx, {
      sourceItemId: ctx.sourceItemId, kind: 'transcript', occurredAt: p.occurredAt, title: p.title, text: body, participants,
      opportunityId: deal?.id ?? null, ownerId: holderId, interactionIds: [interactionId],
      values: valuesFromSignals(extracted, p.occurredAt.toISOString().slice(0, 10), body),
    });
    const dealId = correlation.opportunityId;
    const links = { interactionId, dealId, leadId: leads[0]?.id ?? null, accountId: deal?.accountId ?? leads[0]?.accountId ?? null };
    const { taskIds, taskOwners } = p.createTasks ? await createTasks(ctx, p, sections, takers, links) : { taskIds: [], taskOwners: sections.actionItems.map(() => null) };
    results.set(item.position, { sourceItemId: ctx.sourceItemId, interactionId, sections, matches, opportunityId: dealId, correlation, leadId: leads[0]?.id ?? null, taskIds, taskOwners, commitments });
    ctx.onRollback(() => results.delete(item.position));
    return { interactionId, embedText: body, counts: { interactions: 1, tasks: taskIds.length, leadsLinked: leads.length, [`correlation_${correlation.result}`]: 1, correlation_conflicts: correlation.conflicts.length } };
  };
}

async function createTasks(
  ctx: ItemContext,
  p: TranscriptPayload,
  sections: TranscriptSections,
  takers: readonly ActionTaker[],
  links: { interactionId: string; dealId: string | null; leadId: string | null; accountId: string | null },
): Promise<{ taskIds: string[]; taskOwners: (string | null)[] }> {
  const rows: NewMeetingTask[] = [];
  const taskOwners: (string | null)[] = [];
  sections.actionItems.forEach((a, i) => {
    const taker = takers[i];
    const ruleKey = actionItemKey(links.interactionId, a);
    // the same sentence for the same person twice is one task
    if (taker?.kind !== 'user' || rows.some((r) => r.ruleKey === ruleKey)) {
      taskOwners.push(null);
      return;
    }
    taskOwners.push(taker.userId);
    const due = a.due ? businessDue(a.due) : null;
    rows.push({
      title: actionTaskTitle(a.text),
      description: `Action item from "${p.title}" (${p.occurredAt.toISOString().slice(0, 10)}), said by ${a.speaker ?? 'an unnamed speaker'}.`,
      type: 'follow_up',
      priority: due ? 'high' : 'medium',
      dueAt: due ? dueInstant(due.date, taker.timeZone) : null,
      ownerId: taker.userId,
      createdById: ctx.actor?.userId ?? null,
      relatedType: links.dealId ? 'opportunity' : links.leadId ? 'lead' : 'interaction',
      leadId: links.leadId,
      opportunityId: links.dealId,
      accountId: links.accountId,
      autoGenerated: true,
      ruleKey,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
  });
  return { taskIds: await insertMeetingTasks(ctx.tx, ctx.scope, rows), taskOwners };
}
