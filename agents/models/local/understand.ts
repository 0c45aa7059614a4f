import type { ChatMessage, NamedEntity, ToolSpec, TurnContext } from '../types.ts';
import { changesOption } from './followup.ts';
import { fillSlots } from './slots.ts';
import { examplesByAgent } from '../../all.examples.ts';
import type { Prediction } from './classifier.ts';
import { classify, maskedText, OUT_OF_SCOPE, type IntentModel } from './intents.ts';
import { EntityIndex } from './mentions.ts';
import { findTimeSpans } from './periods.ts';
import { declineMissing, declineOutOfScope } from './phrases.ts';
import { normalize, words } from './text.ts';
import { dealsByAccount } from './entities-pick.ts';
import { earlierCalls, lastUserIndex, namesOf, pendingQuestion } from './thread.ts';
import { DEAL_STAGE_WORDS, GROUP_WORDS, matchAll, RISK_SIGNAL_WORDS } from './vocab.ts';

// Understanding the latest user message: one intent, several (a compound request), a follow-up that
// changes an earlier call, an answer to our own question, or something to decline.

export interface Step {
  tool: string;
  agent: string;
  request: string;
  /** a follow-up: the earlier call's input this request amends */
  previous?: Record<string, unknown>;
  confidence: number;
}

export type Understanding = { kind: 'plan'; steps: Step[] } | { kind: 'decline'; text: string };

export interface UnderstandOptions {
  threshold: number;
  /** tools that exist in this install */
  tools: ReadonlySet<string>;
  /** a tool's spec (its input's JSON Schema), to tell whether a follow-up only changes one of its options */
  specOf?: (tool: string) => ToolSpec | undefined;
}

const indexes = new WeakMap<readonly NamedEntity[], EntityIndex>();

export function entityIndex(model: IntentModel, entities: readonly NamedEntity[]): EntityIndex {
  let index = indexes.get(entities);
  if (!index) {
    index = new EntityIndex(entities, model.vocabulary);
    indexes.set(entities, index);
    // the other per-directory lookups, built once with the index rather than on some later turn
    namesOf(entities);
    dealsByAccount(entities);
  }
  return index;
}

const FOLLOW_OPENER = /^(and|what about|how about|same|same for|now|ok|okay|also|then|but|just|only|for|vs|versus|what if|instead|compare|only the ones|just the ones|break (it|that|this|them) down|split (it|that|this) |same thing|do the same)\b/;
// a bare comma separates requests only before a clause that opens the way the tool's own examples do
// ("score X, qualify her with BANT"); otherwise it is a detail ("disqualify X, no budget")
const COMMA = /^\s*,\s+$/;
let openers: Map<string, Set<string>> | undefined;
function opensLike(tool: string, part: string): boolean {
  if (!openers) {
    openers = new Map();
    for (const list of Object.values(examplesByAgent)) for (const { tool: t, says } of list) for (const say of says) {
      const w = words(normalize(say))[0];
      if (w) openers.set(t, (openers.get(t) ?? new Set()).add(w));
    }
  }
  return openers.get(tool)?.has(words(normalize(part))[0] ?? '') ?? false;
}
const SPLIT = /\s*(?:,\s*)?\b(?:and then|and also|and|then|also|plus|after that|as well as)\b\s+|\s*[;?!]\s+|\.\s+|\s*,\s+/gi;
// words that order the parts of a compound ("first ..., then ...") and say nothing about the intent
const SEQUENCE = /^(?:(?:first|firstly|first of all|then|next|also|and|plus|after that|finally|lastly|too|pls|please)\b[\s,]*)+/i;
/** A part of a compound request without its sequencing words. */
export const partText = (text: string) => text.trim().replace(SEQUENCE, '').trim() || text.trim();
/** A part that is nothing but names ("score Kavon and Katrine"): the verb of the part before it is implied. */
const GAPPED = /^(?:(?:x(?:lead|deal|account|rep|team|product)|the|for|on|with|to|too|as well|one|ones)\s*)+$/;

export function predict(model: IntentModel, index: EntityIndex, text: string): Prediction[] {
  return classify(model, maskedText(text, index.find(text)));
}

function hasSlotContent(index: EntityIndex, text: string, now: Date): boolean {
  const n = normalize(text);
  return (
    index.find(text).length > 0 ||
    findTimeSpans(n, now).length > 0 ||
    matchAll(n, GROUP_WORDS).length > 0 ||
    /\$ ?\d|\b\d+ ?k\b|\b(over|under|above|below|more than|less than)\b/.test(n) ||
    matchAll(n, { ...DEAL_STAGE_WORDS, ...RISK_SIGNAL_WORDS }).length > 0
  );
}

const FILLER = /\b(and|by|per|for|in|the|what|about|how|only|just|then|now|ok|okay|instead|please|pls|same|but|of|on|with|over|under|above|below|more|less|than)\b/g;

function stripSlotWords(index: EntityIndex, normalized: string, now: Date): string {
  let out = normalized;
  for (const s of [...findTimeSpans(out, now)].reverse()) out = out.slice(0, s.start) + ' ' + out.slice(s.end);
  const ws = words(normalize(out));
  const mentions = index.find(ws.join(' '));
  out = ws.filter((_, i) => !mentions.some((m) => i >= m.start && i < m.end)).join(' ');
  for (const re of Object.values(GROUP_WORDS)) out = out.replace(re, ' ');
  return out.replace(/\$ ?[\d.,]+ ?k?|\b\d+ ?k\b|\b(rep|reps|product|products|source|campaign)s?\b/g, ' ').replace(FILLER, ' ').replace(/\s+/g, ' ').trim();
}

/** Splits a compound request into parts that each carry a confident intent; one part when it does not split. */
function splitParts(model: IntentModel, index: EntityIndex, text: string, threshold: number, now: Date, inputKey?: (tool: string, text: string) => string, hasFreeText?: (tool: string) => boolean): { text: string; top: Prediction }[] {
  // pieces as [start, end) of the original text, so merging two keeps what stood between them
  const pieces: [number, number][] = [];
  const afterComma = new Set<number>();
  let last = 0;
  const names = index.find(text).map((m) => m.text);
  // a pasted block below the first line is content, never more requests
  if (/\n\s*\S/.test(text.trim())) return [{ text, top: predict(model, index, text)[0]! }];
  // "summarize this: ..., ... and ...": after a colon that ends a request for free text, the rest is its content
  const colon = /:\s/.exec(text);
  const contentFrom = colon && hasFreeText?.(predict(model, index, text.slice(0, colon.index))[0]!.label) ? colon.index : Infinity;
  for (const m of text.matchAll(SPLIT)) {
    if (m.index! > contentFrom) break;
    // never split inside a name ("Bins and Bode")
    const around = normalize(`${text.slice(0, m.index).split(/\s+/).at(-1) ?? ''} ${m[0]} ${text.slice(m.index! + m[0].length).split(/\s+/)[0] ?? ''}`);
    if (names.some((n) => n.includes(around))) continue;
    // a bare comma splits only a list of requests ("score X, qualify her and draft ..."), never a detail ("X is dead, disqualify them")
    if (COMMA.test(m[0]) && !/\b(and|then|also|plus)\b/i.test(text.slice(m.index! + m[0].length))) continue;
    pieces.push([last, m.index!]);
    // after a comma, a full stop or a semicolon the part must open the way its tool's requests do
    if (COMMA.test(m[0]) || /^\s*[.;]\s+$/.test(m[0])) afterComma.add(m.index! + m[0].length);
    last = m.index! + m[0].length;
  }
  pieces.push([last, text.length]);
  const parts = pieces.filter(([a, b]) => text.slice(a, b).trim().length > 0);
  const whole = () => [{ text, top: predict(model, index, text)[0]! }];
  if (parts.length < 2) return whole();
  const slice = ([a, b]: [number, number]) => partText(text.slice(a, b));
  const gapped = (range: [number, number]) => GAPPED.test(maskedText(slice(range), index.find(slice(range))).trim());
  const confident = (range: [number, number]) => {
    const p = slice(range);
    if (gapped(range)) return index.find(p).length > 0;
    // nothing but slot words ("..., by rep", "and last quarter"): a detail of its neighbour, not a request
    if (words(stripSlotWords(index, normalize(p), now)).length === 0) return false;
    const top = predict(model, index, p)[0]!;
    if (afterComma.has(range[0]) && !opensLike(top.label, p)) return false;
    return top.label !== OUT_OF_SCOPE && top.probability >= Math.max(threshold, 0.45) && words(normalize(p)).length >= 2;
  };
  // merge a part without a confident intent of its own into its neighbour ("leads from webinars and events")
  let merged: [number, number][] = [];
  for (const part of parts) {
    if (merged.length > 0 && !confident(part)) merged[merged.length - 1] = [merged.at(-1)![0], part[1]];
    else merged.push(part);
  }
  if (merged.length > 1 && (!confident(merged[0]!) || gapped(merged[0]!))) merged = [[merged[0]![0], merged[1]![1]], ...merged.slice(2)];
  const out: { text: string; top: Prediction }[] = [];
  for (const range of merged) {
    const t = slice(range);
    // a gapped part takes the verb of the part before it: "score Kavon and Katrine" is two scores
    out.push({ text: gapped(range) && out.length > 0 ? `${out.at(-1)!.text.replace(maskless(index, out.at(-1)!.text), '')} ${t}`.trim() : t, top: gapped(range) && out.length > 0 ? out.at(-1)!.top : predict(model, index, t)[0]! });
  }
  if (out.length < 2) return whole();
  // the same tool twice is two requests only when the parts ask for different things ("leads at risk and deals
  // at risk", "score A and B"), each read by the tool's own slot filling; "is A worth it? give me a score" is one
  const seen = new Map<string, string>();
  for (const o of out) {
    const key = inputKey?.(o.top.label, o.text) ?? '';
    const before = seen.get(o.top.label);
    if (before !== undefined && (key === '' || before === '' || key === before || disjoint(before, key))) return whole();
    seen.set(o.top.label, key);
  }
  return out;
}

/** The names in a part, as one pattern: "score Kavon Sanford" -> the part with Kavon Sanford taken out. */
function maskless(index: EntityIndex, text: string): RegExp {
  const names = index.find(text).map((m) => m.text).filter((n) => n.length > 0);
  if (names.length === 0) return /$^/;
  return new RegExp(names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
}

export function understand(model: IntentModel, index: EntityIndex, messages: readonly ChatMessage[], context: TurnContext, options: UnderstandOptions): Understanding {
  const at = lastUserIndex(messages);
  const text = at >= 0 ? (messages[at] as { content: string }).content : '';
  const whole = predict(model, index, text);
  const top = whole[0]!;
  // a bare name ("Vivien Mraz") is an answer, not a request of its own
  const bare = words(maskedText(text, index.find(text))).every((w) => /^x(lead|deal|account|rep|team|product)$/.test(w) || /^(the|one|with|at|from|i|mean|meant|sorry|yes|no|ok|please|pls)$/.test(w));
  const isNew = top.label !== OUT_OF_SCOPE && top.probability >= 0.6 && !bare;

  // an answer to our question ("Which Vivien?" -> "Vivien Hills"): the earlier request, now complete
  const pending = pendingQuestion(messages);
  if (pending && !isNew) {
    // the intent is the earlier request's; the answer goes first so its names win the slots
    const combined = `${text} ${pending.userText}`;
    const earlier = predict(model, index, pending.userText)[0]!;
    return single(model, options, combined, earlier.label !== OUT_OF_SCOPE && earlier.probability >= options.threshold ? earlier : predict(model, index, combined)[0]!);
  }

  // a follow-up that changes the previous call ("and for last quarter?", "what about Acme?")
  const prior = earlierCalls(messages)[0];
  if (prior) {
    const n = normalize(text);
    const opener = FOLLOW_OPENER.exec(n);
    const rest = opener ? n.slice(opener[0].length).trim() : n;
    const restTop = rest ? predict(model, index, rest)[0]! : top;
    const newIntent = restTop.label !== OUT_OF_SCOPE && restTop.probability >= 0.6 && restTop.label !== prior.call.name && words(rest).length >= 2;
    // a short message without an intent of its own; never a write repeated on a hunch
    const writes = /_(set_stage|upsert|merge|assign|remember|annotate)$/.test(prior.call.name);
    const otherIntent = top.label !== OUT_OF_SCOPE && top.label !== prior.call.name && top.probability >= 0.3;
    // nothing but slot words ("by rep", "last quarter?", "for Maya"): the earlier request, changed
    const slotOnly = words(stripSlotWords(index, n, context.now)).length === 0;
    if (slotOnly && hasSlotContent(index, text, context.now)) {
      const tool = prior.call.name;
      return { kind: 'plan', steps: [{ tool, agent: prior.agent ?? model.agentOf.get(tool) ?? 'lead', request: text, previous: prior.call.input, confidence: 1 }] };
    }
    const short = words(n).length <= 6 && (top.label === OUT_OF_SCOPE || top.probability < 0.5) && !otherIntent && !writes;
    const sameTool = restTop.label === prior.call.name && restTop.probability >= 0.3;
    const outOfScope = restTop.label === OUT_OF_SCOPE && restTop.probability >= 0.5 && words(rest).length >= 3;
    // "by win rate", "make it formal", "only paid search": a short message that sets one of the earlier tool's options
    const spec = options.specOf?.(prior.call.name);
    if (spec && words(n).length <= 6 && !writes && changesOption(spec, text, prior.call.input, index.find(text), context.now)) {
      const tool = prior.call.name;
      return { kind: 'plan', steps: [{ tool, agent: prior.agent ?? model.agentOf.get(tool) ?? 'lead', request: text, previous: prior.call.input, confidence: 1 }] };
    }
    // "rank by win rate instead": the same request with one thing changed, whatever it sounds like
    if (/\binstead\b/.test(n) && hasSlotContent(index, text, context.now) || /\binstead\b/.test(n) && restTop.label !== OUT_OF_SCOPE) {
      const tool = prior.call.name;
      return { kind: 'plan', steps: [{ tool, agent: prior.agent ?? model.agentOf.get(tool) ?? 'lead', request: text, previous: prior.call.input, confidence: 1 }] };
    }
    if ((opener || short) && !newIntent && !outOfScope && (sameTool || hasSlotContent(index, text, context.now))) {
      const tool = prior.call.name;
      return { kind: 'plan', steps: [{ tool, agent: prior.agent ?? model.agentOf.get(tool) ?? 'lead', request: text, previous: prior.call.input, confidence: 1 }] };
    }
  }

  const parts = splitParts(model, index, text, options.threshold, context.now, (tool, part) => {
    const spec = options.specOf?.(tool);
    if (!spec) return '';
    const filled = fillSlots({ tool: spec, text: part, mentions: index.find(part), focus: [], entities: [], now: context.now });
    return filled.kind === 'call' && Object.keys(filled.input).length > 0 ? JSON.stringify(filled.input) : '';
  }, (tool) => {
    const props = (options.specOf?.(tool)?.inputSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
    return ['text', 'content', 'note', 'nextSteps', 'reason', 'objection', 'description'].some((f) => f in props);
  });
  if (parts.length > 1) {
    const steps: Step[] = parts.map((p) => ({ tool: p.top.label, agent: model.agentOf.get(p.top.label) ?? 'lead', request: p.text, confidence: p.top.probability }));
    if (steps.every((s) => !options.tools.has(s.tool))) return { kind: 'decline', text: declineMissing(steps[0]!.tool) };
    return { kind: 'plan', steps };
  }
  return single(model, options, text, top);
}

function single(model: IntentModel, options: UnderstandOptions, text: string, top: Prediction): Understanding {
  if (top.label === OUT_OF_SCOPE || top.probability < options.threshold) return { kind: 'decline', text: declineOutOfScope() };
  if (!options.tools.has(top.label)) return { kind: 'decline', text: declineMissing(top.label) };
  return { kind: 'plan', steps: [{ tool: top.label, agent: model.agentOf.get(top.label) ?? 'lead', request: text, confidence: top.probability }] };
}

/** Two readings of the same tool that set different fields ("refit the model and rescore Dana") are one call. */
function disjoint(a: string, b: string): boolean {
  const x = Object.keys(JSON.parse(a) as Record<string, unknown>);
  const y = new Set(Object.keys(JSON.parse(b) as Record<string, unknown>));
  return x.length > 0 && y.size > 0 && x.every((k) => !y.has(k));
}
