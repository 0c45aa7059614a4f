import type { LeadRecord } from '../../db/repos/leads.ts';
import type { LeadPatch } from '../../db/repos/lead-upsert.ts';

// What the survivor of a merge takes from the duplicate. Empty fields (null, blank) are filled; where
// both have a value the survivor's is kept and the difference reported. Beyond plain filling:
// pain points and decision makers are united, attributes gain the keys the survivor lacks,
// isDecisionMaker is true if either says so, the later last contact wins, interaction counts add up
// (the interactions move), and an unverified email status takes the duplicate's when the emails agree.

const FILLABLE = [
  'accountId', 'firstName', 'lastName', 'email', 'phone', 'title', 'seniority', 'department', 'source', 'campaignId',
  'timeZone', 'preferredChannel', 'preferredContactHour', 'budgetMinMinor', 'budgetMaxMinor', 'decisionTimeline',
  'convertedAt', 'engagementScore',
] as const satisfies readonly (keyof LeadRecord)[];

const empty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
const shown = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
const differs = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b);

export interface MergePlan {
  patch: LeadPatch;
  filled: { field: string; value: unknown }[];
  kept: { field: string; survivor: unknown; duplicate: unknown }[];
}

function union(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set(a.map((v) => v.toLowerCase()));
  return [...a, ...b.filter((v) => !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()))];
}

export function planMerge(survivor: LeadRecord, duplicate: LeadRecord): MergePlan {
  const patch: Record<string, unknown> = {};
  const filled: MergePlan['filled'] = [];
  const kept: MergePlan['kept'] = [];
  const fill = (field: string, value: unknown) => {
    patch[field] = value;
    filled.push({ field, value: shown(value) });
  };

  for (const field of FILLABLE) {
    const mine = survivor[field];
    const theirs = duplicate[field];
    if (empty(theirs)) continue;
    if (empty(mine)) fill(field, theirs);
    else if (differs(mine, theirs) && !(field === 'email' && String(mine).toLowerCase() === String(theirs).toLowerCase())) {
      kept.push({ field, survivor: shown(mine), duplicate: shown(theirs) });
    }
  }
  if (survivor.score === null && duplicate.score !== null) {
    fill('score', duplicate.score);
    fill('grade', duplicate.grade);
  }
  for (const field of ['painPoints', 'decisionMakers'] as const) {
    const merged = union(survivor[field], duplicate[field]);
    if (merged.length > survivor[field].length) fill(field, merged);
  }
  if (!survivor.isDecisionMaker && duplicate.isDecisionMaker) fill('isDecisionMaker', true);
  const added = Object.keys(duplicate.attributes).filter((k) => !(k in survivor.attributes));
  if (added.length > 0) fill('attributes', { ...survivor.attributes, ...Object.fromEntries(added.map((k) => [k, duplicate.attributes[k]])) });
  if (duplicate.lastContactedAt && (!survivor.lastContactedAt || duplicate.lastContactedAt > survivor.lastContactedAt)) {
    fill('lastContactedAt', duplicate.lastContactedAt);
    if (duplicate.lastContactedById) fill('lastContactedById', duplicate.lastContactedById);
  }
  if (duplicate.interactionCount > 0) fill('interactionCount', survivor.interactionCount + duplicate.interactionCount);
  const sameEmail = survivor.email && duplicate.email && survivor.email.toLowerCase() === duplicate.email.toLowerCase();
  if (survivor.emailStatus === 'unverified' && duplicate.emailStatus !== 'unverified' && (sameEmail || patch.email)) fill('emailStatus', duplicate.emailStatus);
  if (survivor.lifecycleStage !== duplicate.lifecycleStage) kept.push({ field: 'lifecycleStage', survivor: survivor.lifecycleStage, duplicate: duplicate.lifecycleStage });
  if (survivor.ownerId !== duplicate.ownerId) kept.push({ field: 'ownerId', survivor: survivor.ownerId, duplicate: duplicate.ownerId });
  return { patch: patch as LeadPatch, filled, kept };
}

/** The duplicate's row as plain JSON (dates as ISO strings), for lead_merges.merged_snapshot. */
export function snapshotOf(lead: LeadRecord): Record<string, unknown> {
  return JSON.parse(JSON.stringify(lead)) as Record<string, unknown>;
}
