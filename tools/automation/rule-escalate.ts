import { inScope } from '../../db/repos/scope.ts';
import { addBusinessHours, zoneOf } from './business-hours.ts';
import { ESCALATION_WITHIN_BUSINESS_HOURS } from './rules.ts';
import type { RecordRef, RuleEffects, RuleEnv, TaskDraft } from './rule-types.ts';

// An escalation is a task for the owner's manager. It is made only when that manager is inside the
// caller's scope: a rep's run does not hand work to their manager (the manager's or an admin's run does).

export async function escalate(
  env: RuleEnv,
  out: RuleEffects,
  e: { ownerId: string; ruleKey: string; title: string; description: string; record: RecordRef; why: string; sourceTaskId?: string; leadId?: string | null; opportunityId?: string | null },
): Promise<void> {
  const owner = (await env.users([e.ownerId])).get(e.ownerId);
  const managerId = owner?.managerId ?? null;
  if (!managerId) {
    out.skipped.push({ record: e.record, why: `${e.why}; but ${owner?.fullName ?? 'the owner'} has no manager to escalate to` });
    return;
  }
  if (!inScope(env.ctx.scope, managerId)) {
    out.skipped.push({ record: e.record, why: `${e.why}; escalation to the owner's manager is left to the manager's or an admin's run` });
    return;
  }
  const manager = (await env.users([managerId])).get(managerId);
  const draft: TaskDraft = {
    ruleKey: e.ruleKey,
    title: e.title,
    description: e.description,
    type: 'todo',
    priority: 'high',
    dueAt: addBusinessHours(env.ctx.now, ESCALATION_WITHIN_BUSINESS_HOURS, zoneOf(manager?.timeZone), manager ? { startHour: manager.workingHoursStart, endHour: manager.workingHoursEnd } : undefined),
    ownerId: managerId,
    leadId: e.leadId ?? null,
    opportunityId: e.opportunityId ?? null,
    record: e.record,
    why: `${e.why}; escalated to ${manager?.fullName ?? 'the manager'}`,
  };
  out.escalations.push({ ...(e.sourceTaskId ? { sourceTaskId: e.sourceTaskId } : {}), draft });
}
