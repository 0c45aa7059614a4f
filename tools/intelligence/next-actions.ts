import type { EffectMeasure } from '../../db/repos/intel-effects.ts';
import type { ContactRole, DealContext, LeadContext, OpenTask, QualificationSummary } from '../../db/repos/intel-actions.ts';
import type { LinkedInteraction } from '../../db/repos/interactions.ts';
import { OBJECTION_PLAYBOOK } from './objection-playbook.ts';
import { DAY_MS, interactionEvidence, isContact, noContact, type Evidence, type SignalFinding } from './risk-signals.ts';
import type { RiskThresholds } from './risk-thresholds.ts';

// Candidate next actions for one deal or lead, each from the facts that trigger it. Ranking is by a fixed
// priority per action (urgency: an unanswered question before housekeeping), ties by action name, so the
// same facts always give the same order.

export const ACTIONS = [
  'reply_to_question',
  'complete_overdue_task',
  'first_touch',
  'address_objection',
  'follow_up_opened_email',
  're_engage',
  'escalate_stuck_deal',
  'send_proposal',
  'book_meeting',
  'multi_thread',
] as const;
export type ActionKey = (typeof ACTIONS)[number];

export const PRIORITY: Record<ActionKey, number> = {
  reply_to_question: 100,
  complete_overdue_task: 90,
  first_touch: 85,
  address_objection: 80,
  follow_up_opened_email: 70,
  re_engage: 65,
  escalate_stuck_deal: 60,
  send_proposal: 55,
  book_meeting: 50,
  multi_thread: 45,
};

export type EffectSpec = { measure: EffectMeasure } | { heuristic: string };

export interface Candidate {
  action: ActionKey;
  title: string;
  reason: string;
  evidence: Evidence[];
  effect: EffectSpec;
}

export interface ActionFacts {
  now: Date;
  t: RiskThresholds;
  /** newest first */
  timeline: LinkedInteraction[];
  tasks: OpenTask[];
  qualifications: QualificationSummary[];
  deal?: { context: DealContext; contacts: ContactRole[]; stuck: SignalFinding | null } | undefined;
  lead?: LeadContext | undefined;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const daysSince = (now: Date, d: Date) => Math.floor((now.getTime() - d.getTime()) / DAY_MS);
const OPEN_LEAD_STAGES = new Set(['contacted', 'qualified']);

export function candidateActions(f: ActionFacts): Candidate[] {
  const out: Candidate[] = [];
  const contacts = f.timeline.filter(isContact);
  const latest = contacts[0];

  // an inbound question with no outbound message after it
  const newerOutbound = (ix: LinkedInteraction) => contacts.some((o) => o.direction === 'outbound' && o.occurredAt > ix.occurredAt);
  const question = contacts.find((ix) => ix.direction === 'inbound' && ix.question && !newerOutbound(ix));
  if (question) {
    out.push({
      action: 'reply_to_question',
      title: 'Answer the open question',
      reason: `"${question.question}" (asked ${day(question.occurredAt)}, ${daysSince(f.now, question.occurredAt)} days ago) has had no reply`,
      evidence: [interactionEvidence(question, question.question ?? undefined)],
      effect: { measure: 'questions_answered' },
    });
  }

  const overdue = f.tasks.filter((task) => task.dueAt && task.dueAt < f.now);
  if (overdue.length > 0) {
    out.push({
      action: 'complete_overdue_task',
      title: `Complete ${overdue.length === 1 ? 'the overdue task' : `${overdue.length} overdue tasks`}: ${overdue[0]!.title}`,
      reason: overdue.map((task) => `"${task.title}" was due ${day(task.dueAt!)}`).join('; '),
      evidence: overdue.map((task) => ({ sourceId: task.id, kind: 'task', date: task.dueAt!.toISOString(), quote: `${task.type}: ${task.title} (${task.priority})` })),
      effect: { heuristic: 'a promised step left undone erodes the buyer\'s trust; doing it restores momentum (heuristic, not measured)' },
    });
  }

  const neverContacted = Boolean(f.lead && f.lead.lifecycleStage === 'new' && !latest && !f.lead.lastContactedAt);
  if (f.lead && neverContacted) {
    out.push({
      action: 'first_touch',
      title: 'Make first contact',
      reason: `${f.lead.fullName} was created ${day(f.lead.createdAt)} and nobody has contacted them yet`,
      evidence: [{ sourceId: f.lead.id, kind: 'lead', date: f.lead.createdAt.toISOString(), quote: 'created, never contacted' }],
      effect: { heuristic: 'leads contacted soon after they appear convert far more often than ones left waiting (speed-to-lead heuristic, not measured here)' },
    });
  }

  const objection = f.timeline.find((ix) => ix.objectionType && f.now.getTime() - ix.occurredAt.getTime() <= 30 * DAY_MS);
  if (objection?.objectionType) {
    const play = OBJECTION_PLAYBOOK[objection.objectionType];
    out.push({
      action: 'address_objection',
      title: `Address the ${play.title} objection`,
      reason: `${objection.objectionType} objection raised ${day(objection.occurredAt)}. ${play.advice}`,
      evidence: [interactionEvidence(objection)],
      effect: { measure: 'objections_answered' },
    });
  }

  if (latest && latest.type === 'email' && latest.direction === 'outbound' && latest.firstOpenedAt && !latest.repliedAt) {
    out.push({
      action: 'follow_up_opened_email',
      title: `Follow up on the opened email${latest.subject ? ` "${latest.subject}"` : ''}`,
      reason: `opened ${latest.openCount} time(s), first on ${day(latest.firstOpenedAt)}, and not answered`,
      evidence: [interactionEvidence(latest)],
      effect: { measure: 'opens_followed_up' },
    });
  }

  const record = f.deal?.context ?? f.lead;
  const silence = record
    ? noContact(f.timeline, { createdAt: record.createdAt, lastContactedAt: f.lead?.lastContactedAt ?? null, recordId: record.id, kind: f.deal ? 'opportunity' : 'lead' }, f.now, f.t)
    : null;
  if (silence && !neverContacted) {
    out.push({
      action: 're_engage',
      title: `Re-engage after ${silence.value} days of silence`,
      reason: silence.detail,
      evidence: silence.evidence,
      effect: { heuristic: `deals silent for ${f.t.noContactDays}+ days are flagged at risk; a new, relevant touch (insight, question, next step) is the usual remedy (heuristic)` },
    });
  }

  if (f.deal) dealOnly(f, f.deal, contacts, out);
  else if (f.lead) leadMeeting(f, f.lead, contacts, out);
  return out.sort((a, b) => PRIORITY[b.action] - PRIORITY[a.action] || a.action.localeCompare(b.action));
}

function dealOnly(f: ActionFacts, deal: NonNullable<ActionFacts['deal']>, contacts: LinkedInteraction[], out: Candidate[]) {
  const d = deal.context;
  if (deal.stuck) {
    out.push({
      action: 'escalate_stuck_deal',
      title: `Escalate to ${d.managerName ?? 'your manager'}: stuck in ${d.stage}`,
      reason: deal.stuck.detail,
      evidence: deal.stuck.evidence,
      effect: { heuristic: 'a manager or executive sponsor unblocks deals that stalled past the usual stage time (heuristic)' },
    });
  }
  const unmet = f.qualifications.reduce((s, q) => s + q.unmet, 0);
  if (d.stage === 'discovery' && d.decisionCriteria.length > 0 && unmet === 0) {
    out.push({
      action: 'send_proposal',
      title: 'Send the proposal',
      reason: `in discovery with the decision criteria known (${d.decisionCriteria.join(', ')})${f.qualifications.length > 0 ? ' and no qualification criterion unmet' : ''}`,
      evidence: [{ sourceId: d.id, kind: 'opportunity', date: null, quote: `decision criteria: ${d.decisionCriteria.join('; ')}` }],
      effect: { heuristic: 'a proposal while the criteria are fresh keeps the deal moving; waiting lets it cool (heuristic)' },
    });
  }
  const meetings = contacts.filter((ix) => ix.type === 'meeting');
  const lastMeeting = meetings[0];
  const meetingBooked = f.tasks.some((task) => task.type === 'meeting' && (!task.dueAt || task.dueAt >= f.now));
  if (!meetingBooked && (!lastMeeting || daysSince(f.now, lastMeeting.occurredAt) > 21)) {
    out.push({
      action: 'book_meeting',
      title: 'Book the next meeting',
      reason: lastMeeting ? `last meeting was ${day(lastMeeting.occurredAt)} (${daysSince(f.now, lastMeeting.occurredAt)} days ago) and none is booked` : 'no meeting held or booked yet',
      evidence: lastMeeting ? [interactionEvidence(lastMeeting)] : [{ sourceId: d.id, kind: 'opportunity', date: null, quote: 'no meeting logged' }],
      effect: { measure: 'meeting_before_close' },
    });
  }
  const buyer = deal.contacts.some((c) => c.role === 'economic_buyer');
  if (deal.contacts.length <= 1 && !buyer) {
    const only = deal.contacts[0];
    out.push({
      action: 'multi_thread',
      title: 'Multi-thread: reach the economic buyer',
      reason: only ? `${only.fullName}${only.title ? ` (${only.title})` : ''} is the only contact on the deal` : 'no contact is linked to the deal',
      evidence: [{ sourceId: only?.leadId ?? d.id, kind: only ? 'contact' : 'opportunity', date: null, quote: only ? `only contact: ${only.fullName}` : 'no contacts' }],
      effect: { measure: 'multi_threaded' },
    });
  }
}

function leadMeeting(f: ActionFacts, lead: LeadContext, contacts: LinkedInteraction[], out: Candidate[]) {
  if (!OPEN_LEAD_STAGES.has(lead.lifecycleStage)) return;
  const reply = contacts.find((ix) => ix.direction === 'inbound' && daysSince(f.now, ix.occurredAt) <= 14);
  const met = contacts.some((ix) => ix.type === 'meeting' && daysSince(f.now, ix.occurredAt) <= 21);
  if (reply && !met) {
    out.push({
      action: 'book_meeting',
      title: 'Book a discovery meeting',
      reason: `${lead.fullName} replied on ${day(reply.occurredAt)}; no meeting in the last 21 days`,
      evidence: [interactionEvidence(reply)],
      effect: { measure: 'meeting_before_close' },
    });
  }
}
