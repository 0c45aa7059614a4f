import { DateTime } from 'luxon';
import { dealsEnteredStage, highValueUncontacted, newUncontactedLeads, openedWithoutReply } from '../../db/repos/automation.ts';
import { openTasksDueBefore } from '../../db/repos/followups.ts';
import { DAY_MS } from '../intelligence/risk-signals.ts';
import { scanRisks } from '../intelligence/risk-scan.ts';
import { DEFAULT_RISK_THRESHOLDS } from '../intelligence/risk-thresholds.ts';
import { addBusinessHours, businessDaysBetween, nextBusinessSlot, zoneOf } from './business-hours.ts';
import { placeZone } from './followups.ts';
import { escalate } from './rule-escalate.ts';
import { RULES, type RuleKey } from './rules.ts';
import { noEffects, type RuleEffects, type RuleEnv } from './rule-types.ts';

// One handler per rule in rules.ts: find the records the rule watches, say what it would create and why.
// The engine (automation-engine.ts) does the writing, deduplicated by ruleKey.

const CAP = 500;
const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
const day = (d: Date) => d.toISOString().slice(0, 10);
/** A due time that is not already past: the window's end, or the next business slot if the window has closed. */
const notPast = (due: Date, now: Date, zone: string) => (due > now ? due : nextBusinessSlot(now, zone));

async function newLeadCall(env: RuleEnv): Promise<RuleEffects> {
  const r = RULES.new_lead_call;
  const { now, db, scope } = env.ctx;
  const out = noEffects();
  for (const lead of await newUncontactedLeads(db, scope, ago(now, r.lookbackDays), now, CAP)) {
    const record = { kind: 'lead' as const, id: lead.leadId, name: lead.name };
    if (!lead.ownerId) {
      out.skipped.push({ record, why: 'new lead has no owner yet: assign it (lead_assign) and the next run gives the owner the call task' });
      continue;
    }
    const owner = (await env.users([lead.ownerId])).get(lead.ownerId);
    const { zone } = placeZone({ ...lead, ownerTimeZone: owner?.timeZone ?? null });
    const window = addBusinessHours(lead.createdAt, r.withinBusinessHours, zone);
    out.tasks.push({
      ruleKey: `new_lead_call:${lead.leadId}`, title: `Call ${lead.name} (new lead)`, description: `New lead arrived ${lead.createdAt.toISOString()}; call within ${r.withinBusinessHours} business hours.`,
      type: 'call', priority: 'high', dueAt: notPast(window, now, zone), ownerId: lead.ownerId, leadId: lead.leadId, record,
      why: `new lead, never contacted, arrived ${day(lead.createdAt)}: ${r.withinBusinessHours} business hours in ${zone} end ${window.toISOString()}`,
    });
  }
  return out;
}

async function stageTasks(env: RuleEnv): Promise<RuleEffects> {
  const r = RULES.stage_tasks;
  const { now, db, scope } = env.ctx;
  const out = noEffects();
  for (const deal of await dealsEnteredStage(db, scope, ago(now, r.lookbackDays), now, CAP)) {
    const templates = (r.templates as Record<string, readonly { type: 'call' | 'email' | 'meeting' | 'follow_up' | 'todo'; priority: 'low' | 'medium' | 'high' | 'urgent'; title: string; withinBusinessHours: number }[]>)[deal.stage] ?? [];
    const owner = (await env.users([deal.ownerId])).get(deal.ownerId);
    const zone = zoneOf(owner?.timeZone);
    templates.forEach((t, i) => {
      out.tasks.push({
        // the moment it entered the stage is in the key: a deal that comes back to the stage later gets the tasks again
        ruleKey: `stage_tasks:${deal.opportunityId}:${deal.stage}:${deal.stageEnteredAt.toISOString()}:${i}`,
        title: t.title.replace('{deal}', deal.name), description: `Stage task for ${deal.stage}.`, type: t.type, priority: t.priority,
        dueAt: notPast(addBusinessHours(deal.stageEnteredAt, t.withinBusinessHours, zone), now, zone), ownerId: deal.ownerId,
        opportunityId: deal.opportunityId, leadId: deal.primaryContactId, record: { kind: 'opportunity', id: deal.opportunityId, name: deal.name },
        why: `deal entered ${deal.stage} on ${day(deal.stageEnteredAt)}`,
      });
    });
  }
  return out;
}

async function emailOpened(env: RuleEnv): Promise<RuleEffects> {
  const r = RULES.email_opened;
  const { now, db, scope } = env.ctx;
  const out = noEffects();
  for (const open of await openedWithoutReply(db, scope, ago(now, r.lookbackDays), now, CAP)) {
    const owner = (await env.users([open.ownerId])).get(open.ownerId!);
    const { zone } = placeZone({ ...open, ownerTimeZone: owner?.timeZone ?? null });
    const subject = open.subject ? `"${open.subject}"` : 'your email';
    out.tasks.push({
      ruleKey: `email_opened:${open.leadId}:${open.interactionId ?? open.eventId}`,
      title: `Follow up with ${open.name}: opened ${subject}`, description: `Opened ${open.openedAt.toISOString()}, no reply since.`,
      type: 'follow_up', priority: 'medium', dueAt: notPast(addBusinessHours(open.openedAt, r.withinBusinessHours, zone), now, zone),
      ownerId: open.ownerId!, leadId: open.leadId, record: { kind: 'lead', id: open.leadId, name: open.name },
      why: `opened ${subject} at ${open.openedAt.toISOString()} and has not replied`,
    });
  }
  return out;
}

async function missedFollowup(env: RuleEnv): Promise<RuleEffects> {
  const r = RULES.missed_followup;
  const { now, db, scope } = env.ctx;
  const out = noEffects();
  for (const t of await openTasksDueBefore(db, scope, { before: now, types: [...r.types], cap: CAP })) {
    const record = { kind: 'task' as const, id: t.taskId, name: t.title };
    if (!t.reminderSentAt) {
      out.reminders.push({ taskId: t.taskId, ownerId: t.ownerId, record, why: `${t.type} task due ${t.dueAt.toISOString()} is past due` });
      continue;
    }
    if (t.escalatedAt) continue;
    const waited = businessDaysBetween(t.reminderSentAt, now, zoneOf(t.ownerTimeZone));
    if (waited < r.escalateAfterBusinessDays) continue;
    await escalate(env, out, {
      ownerId: t.ownerId, ruleKey: `escalate:missed_followup:${t.taskId}`, sourceTaskId: t.taskId, record, leadId: t.leadId, opportunityId: t.opportunityId,
      title: `Escalation: ${t.ownerName} missed "${t.title}"`, description: `Due ${t.dueAt.toISOString()}, reminded ${t.reminderSentAt.toISOString()}, still open.`,
      why: `still open ${waited} business days after the reminder of ${day(t.reminderSentAt)}`,
    });
  }
  return out;
}

async function highValue(env: RuleEnv): Promise<RuleEffects> {
  const r = RULES.high_value_uncontacted;
  const { now, db, scope } = env.ctx;
  const out = noEffects();
  for (const lead of await highValueUncontacted(db, scope, { since: ago(now, r.days), asOf: now, minBudgetMinor: r.minBudgetMinor, minScore: r.minScore, cap: CAP })) {
    const worth = [lead.budgetMaxMinor != null && lead.budgetMaxMinor >= r.minBudgetMinor ? `budget up to ${Math.round(lead.budgetMaxMinor / 100)}` : null, lead.score != null && lead.score >= r.minScore ? `score ${lead.score}` : null].filter(Boolean).join(', ');
    const silence = lead.lastContactedAt ? `not contacted since ${day(lead.lastContactedAt)}` : 'never contacted';
    await escalate(env, out, {
      ownerId: lead.ownerId!, ruleKey: `escalate:high_value_uncontacted:${lead.leadId}:${lead.lastContactedAt ? day(lead.lastContactedAt) : 'never'}`,
      record: { kind: 'lead', id: lead.leadId, name: lead.name }, leadId: lead.leadId,
      title: `Escalation: high-value lead ${lead.name} ${silence}`, description: `${worth}; ${silence}.`, why: `high-value lead (${worth}) ${silence}`,
    });
  }
  return out;
}

async function overdueTask(env: RuleEnv): Promise<RuleEffects> {
  const r = RULES.overdue_task;
  const { now, db, scope } = env.ctx;
  const out = noEffects();
  const priorities = new Set<string>(r.priorities);
  for (const t of await openTasksDueBefore(db, scope, { before: ago(now, r.overdueDays), types: [...r.types], cap: CAP })) {
    if (!priorities.has(t.priority) || t.escalatedAt) continue;
    await escalate(env, out, {
      ownerId: t.ownerId, ruleKey: `escalate:overdue_task:${t.taskId}`, sourceTaskId: t.taskId, record: { kind: 'task', id: t.taskId, name: t.title },
      leadId: t.leadId, opportunityId: t.opportunityId, title: `Escalation: overdue ${t.priority} task "${t.title}" (${t.ownerName})`,
      description: `Due ${t.dueAt.toISOString()}.`, why: `${t.priority} ${t.type} task overdue by ${Math.floor((now.getTime() - t.dueAt.getTime()) / DAY_MS)} days`,
    });
  }
  return out;
}

async function dealAtRisk(env: RuleEnv): Promise<RuleEffects> {
  const { now, db, scope } = env.ctx;
  const out = noEffects();
  const week = DateTime.fromJSDate(now, { zone: 'UTC' }).toFormat("kkkk-'W'WW");
  const { alerts } = await scanRisks({ db, scope, now }, DEFAULT_RISK_THRESHOLDS, { recordType: 'opportunity' });
  for (const a of alerts.filter((x) => x.severity === RULES.deal_at_risk.minSeverity && x.ownerId)) {
    const signals = a.signals.map((s) => s.signal).join(', ');
    await escalate(env, out, {
      ownerId: a.ownerId!, ruleKey: `escalate:deal_at_risk:${a.recordId}:${week}`, record: { kind: 'opportunity', id: a.recordId, name: a.name },
      opportunityId: a.recordId, title: `Review at-risk deal ${a.name} with ${a.owner ?? 'its owner'}`,
      description: a.signals.map((s) => s.detail).join(' '), why: `risk_scan: high severity (${signals})`,
    });
  }
  return out;
}

export const HANDLERS: Record<RuleKey, (env: RuleEnv) => Promise<RuleEffects>> = {
  new_lead_call: newLeadCall,
  stage_tasks: stageTasks,
  email_opened: emailOpened,
  missed_followup: missedFollowup,
  high_value_uncontacted: highValue,
  overdue_task: overdueTask,
  deal_at_risk: dealAtRisk,
};
