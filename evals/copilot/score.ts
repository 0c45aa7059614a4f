import type { Conversation, Expectation } from './dataset.ts';
import type { TurnTrace } from './driver.ts';
import { contentWords, TEXT_FIELDS, type Normalizer } from './normalize.ts';

// Scoring one turn against its label (rules in the eval format): tools in order, the agents that own
// them, the fully resolved arguments, and whether asking or declining was right.

export interface ToolInfo {
  exists(tool: string): boolean;
  agentOf(tool: string): string | undefined;
  /** the tool's input defaults (JSON Schema `default`s) */
  defaults(tool: string): Record<string, unknown>;
}

export interface TurnScore {
  conversation: string;
  category: Conversation['category'];
  turn: number;
  user: string;
  expected: 'calls' | 'clarify' | 'decline';
  outcome: TurnTrace['outcome'];
  expectedTools: string[];
  producedTools: string[];
  toolsOk: boolean;
  agentsOk: boolean;
  argsOk: boolean;
  correct: boolean;
  why?: string;
  understandMs: number;
  turnMs: number;
  readOnly: boolean;
}

function textMatches(expected: string, produced: string): boolean {
  const want = expected.replace(/^text:/, '').split(' ').filter(Boolean);
  const got = new Set(produced.replace(/^text:/, '').split(' '));
  if (want.length === 0) return true;
  return want.filter((w) => got.has(w)).length / want.length >= 0.5;
}

async function argsEqual(tool: string, expected: Record<string, unknown>, produced: Record<string, unknown>, normalizer: Normalizer, info: ToolInfo): Promise<string | undefined> {
  const [want, got, defaults] = await Promise.all([normalizer.normalize(expected), normalizer.normalize(produced), normalizer.normalize(info.defaults(tool))]);
  for (const [field, value] of want) {
    const mine = got.get(field);
    if (mine === undefined) {
      if (defaults.get(field) === value) continue;
      return `missing ${field}=${value}`;
    }
    if (TEXT_FIELDS.has(field) ? !textMatches(value, mine) : mine !== value) return `${field}: expected ${value}, got ${mine}`;
  }
  for (const [field, value] of got) {
    if (want.has(field)) continue;
    // a required free-text reason the label leaves unsaid is not an invented argument
    if (field === 'reason') continue;
    if (defaults.get(field) === value) continue;
    return `extra ${field}=${value}`;
  }
  return undefined;
}

export async function scoreTurn(
  conv: Conversation,
  turn: number,
  label: Expectation,
  trace: TurnTrace,
  normalizer: Normalizer,
  info: ToolInfo,
): Promise<TurnScore> {
  const user = conv.turns[turn]!.user;
  const producedTools = trace.calls.map((c) => c.tool);
  let expected: TurnScore['expected'] = 'calls' in label ? 'calls' : 'clarify' in label ? 'clarify' : 'decline';
  // tools not in the registry yet: an honest "not yet" is the right answer
  const calls = 'calls' in label ? label.calls.filter((c) => info.exists(c.tool)) : [];
  if (expected === 'calls' && calls.length === 0) expected = 'decline';
  const base = { conversation: conv.id, category: conv.category, turn, user, expected, outcome: trace.outcome, expectedTools: calls.map((c) => c.tool), producedTools, understandMs: trace.understandMs, turnMs: trace.turnMs };
  const readOnly = calls.every((c) => !/_(set_stage|upsert|merge|assign|remember|annotate|snapshot|sync)$|^ingest/.test(c.tool));
  if (expected !== 'calls') {
    const correct = trace.outcome === expected && (expected === 'clarify' || trace.calls.length === 0);
    return { ...base, toolsOk: correct, agentsOk: correct, argsOk: correct, correct, readOnly, ...(correct ? {} : { why: `expected ${expected}, got ${trace.outcome}${producedTools.length ? ` (${producedTools.join(', ')})` : ''}` }) };
  }
  const toolsOk = producedTools.length === calls.length && calls.every((c, i) => c.tool === producedTools[i]);
  const agentsOk = trace.calls.length === calls.length && calls.every((c, i) => info.agentOf(c.tool) === trace.calls[i]!.agent);
  let why: string | undefined;
  if (!toolsOk) why = `tools: expected ${calls.map((c) => c.tool).join(', ')}, got ${producedTools.join(', ') || trace.outcome}`;
  else {
    for (let i = 0; i < calls.length && !why; i++) {
      why = await argsEqual(calls[i]!.tool, calls[i]!.args, trace.calls[i]!.input, normalizer, info);
      if (why) why = `${calls[i]!.tool} ${why}`;
    }
  }
  const argsOk = toolsOk && !why;
  return { ...base, toolsOk, agentsOk, argsOk, correct: argsOk, readOnly, ...(why ? { why } : {}) };
}

export { contentWords };
