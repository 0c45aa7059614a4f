import type { FocusEntity } from './models/types.ts';

// What the conversation is about: records a tool call named, newest first. "it", "her" and "that deal" are
// resolved against this list, so it favours the records a call was clearly about (a get, a change, a short list).

export const FOCUS_CAP = 10;
/** a list longer than this is an overview, not what "it" means next */
const LIST_CAP = 3;
const MAX_DEPTH = 3;

type Kind = FocusEntity['kind'];

const KIND_OF_KEY: Record<string, Kind> = {
  lead: 'lead', leads: 'lead', contact: 'lead', primaryContact: 'lead',
  opportunity: 'opportunity', opportunities: 'opportunity', deal: 'opportunity', deals: 'opportunity',
  account: 'account', accounts: 'account', company: 'account',
  owner: 'user', rep: 'user', reps: 'user', user: 'user', assignee: 'user',
  team: 'team', teams: 'team',
};

const KIND_OF_TOOL_PREFIX: [RegExp, Kind][] = [
  [/^lead_/, 'lead'],
  [/^(opportunity_|similar_deals|deal_strategy)/, 'opportunity'],
];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function nameOf(value: Record<string, unknown>): string | undefined {
  for (const key of ['fullName', 'name', 'label', 'title']) {
    const name = value[key];
    if (typeof name === 'string' && name.trim()) return name;
  }
  return undefined;
}

function collect(value: unknown, kind: Kind | undefined, depth: number, out: FocusEntity[]): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    if (value.length <= LIST_CAP) for (const item of value) collect(item, kind, depth + 1, out);
    return;
  }
  if (!isRecord(value)) return;
  const name = nameOf(value);
  if (kind && typeof value.id === 'string' && name) out.push({ kind, id: value.id, name });
  for (const [key, child] of Object.entries(value)) {
    // flat pairs such as { leadId, lead: 'Dana Kim' } or { opportunityId, opportunity: 'Acme renewal' }
    const flat = /^(lead|opportunity|account|user|team)Id$/.exec(key);
    if (flat && typeof child === 'string') {
      const label = value[flat[1]!];
      if (typeof label === 'string' && label.trim()) out.push({ kind: flat[1] as Kind, id: child, name: label });
      continue;
    }
    const childKind = KIND_OF_KEY[key] ?? (key === 'items' || key === 'results' ? kind : undefined);
    if (isRecord(child) || Array.isArray(child)) collect(child, childKind, depth + 1, out);
  }
}

/** The records one tool call was about, most specific first. */
export function focusFromToolCall(toolName: string, output: unknown): FocusEntity[] {
  const toolKind = KIND_OF_TOOL_PREFIX.find(([pattern]) => pattern.test(toolName))?.[1];
  const found: FocusEntity[] = [];
  collect(output, toolKind, 0, found);
  return mergeFocus([], found);
}

/** Newest first, one entry per record, capped. */
export function mergeFocus(previous: readonly FocusEntity[], fresh: readonly FocusEntity[]): FocusEntity[] {
  const seen = new Set<string>();
  const merged: FocusEntity[] = [];
  for (const entity of [...fresh, ...previous]) {
    const key = `${entity.kind}:${entity.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(entity);
    if (merged.length === FOCUS_CAP) break;
  }
  return merged;
}
