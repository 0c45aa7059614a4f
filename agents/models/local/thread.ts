import type { ChatMessage, FocusEntity, NamedEntity, ToolCall } from '../types.ts';
import { normalize } from './text.ts';

// What the local model reads from the thread: the latest user message, the calls of earlier turns (for
// "and for last quarter?"), whether we just asked a question, and the records discussed (for "her").

export function lastUserIndex(messages: readonly ChatMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === 'user') return i;
  return -1;
}

export interface PriorCall {
  agent?: string;
  call: ToolCall;
}

/** Tool calls made before the latest user message, newest first. */
export function earlierCalls(messages: readonly ChatMessage[]): PriorCall[] {
  const out: PriorCall[] = [];
  const end = lastUserIndex(messages);
  for (let i = end - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'assistant' && m.toolCalls) for (const call of [...m.toolCalls].reverse()) out.push({ ...(m.agent ? { agent: m.agent } : {}), call });
  }
  return out;
}

/** The user message before the latest one when our last reply was a question (a clarifying exchange). */
export function pendingQuestion(messages: readonly ChatMessage[]): { userText: string; agent?: string } | undefined {
  const end = lastUserIndex(messages);
  const reply = messages[end - 1];
  if (!reply || reply.role !== 'assistant' || reply.toolCalls?.length || !reply.content.trim().endsWith('?')) return undefined;
  for (let i = end - 2; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'user') return { userText: m.content, ...(reply.agent ? { agent: reply.agent } : {}) };
  }
  return undefined;
}

const FIELD_KIND: Record<string, FocusEntity['kind']> = { lead: 'lead', survivor: 'lead', opportunity: 'opportunity', account: 'account', target: 'lead', owner: 'user' };

/** Records the thread's tool calls named, newest first (what "her" and "that deal" point at). */
const byNameCache = new WeakMap<readonly NamedEntity[], Map<string, NamedEntity[]>>();

export function namesOf(entities: readonly NamedEntity[]): Map<string, NamedEntity[]> {
  let byName = byNameCache.get(entities);
  if (!byName) {
    byName = new Map();
    for (const e of entities) {
      const key = `${e.kind}:${normalize(e.name)}`;
      byName.set(key, [...(byName.get(key) ?? []), e]);
    }
    byNameCache.set(entities, byName);
  }
  return byName;
}

export function focusFromCalls(messages: readonly ChatMessage[], entities: readonly NamedEntity[]): FocusEntity[] {
  const byName = namesOf(entities);
  const out: FocusEntity[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'assistant' || !m.toolCalls) continue;
    for (const call of [...m.toolCalls].reverse()) {
      for (const [field, kind] of Object.entries(FIELD_KIND)) {
        const value = call.input[field];
        if (typeof value !== 'string') continue;
        const hit = byName.get(`${kind}:${normalize(value)}`) ?? (kind === 'lead' ? byName.get(`opportunity:${normalize(value)}`) : undefined);
        if (hit?.length === 1 && !out.some((f) => f.id === hit[0]!.id)) out.push({ kind: hit[0]!.kind, id: hit[0]!.id, name: hit[0]!.name });
      }
    }
  }
  return out;
}

const TIME_FIELDS = ['period', 'from', 'to'] as const;

/** The time span of the newest call in the thread that had one (for "... for the same quarter"). */
export function latestSpan(messages: readonly ChatMessage[]): Record<string, unknown> | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'assistant' || !m.toolCalls) continue;
    for (const call of [...m.toolCalls].reverse()) {
      const span = Object.fromEntries(TIME_FIELDS.filter((f) => call.input[f] !== undefined).map((f) => [f, call.input[f]]));
      if (Object.keys(span).length > 0) return span;
    }
  }
  return undefined;
}

/** "the same quarter", "that period", "same time frame": the request reuses the span already in play. */
export const SAME_SPAN = /\b(same|that|this same) (period|quarter|month|year|time ?frame|window|range|span|dates)\b|\bfor the same\b|\bsame time\b|\b(for|over|in) (it|that|then)\s*[?.!]?\s*$/i;
