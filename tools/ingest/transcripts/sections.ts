import type { ObjectionType } from '../../../core/domain.ts';
import { extractSignals, splitSentences, type Signals } from '../signals/index.ts';
import { namedAttendees, resolveOwner, type Attendee } from './attendees.ts';
import type { Turn } from './turns.ts';

// A meeting's semantic sections, built from its turns and the signals in each: who attended, what was
// said about price and margin, the objections raised, the action items (owner resolved against the
// speakers, due date from the sentence) and the decisions taken. Every entry names its turn and line.

export interface SectionContext {
  /** the meeting's time: relative dates ("by Friday") resolve from here */
  now: Date;
  timeZone?: string;
  knownCompetitors?: string[];
  /** people named in the input or a "Participants:" header, besides the speakers */
  participants?: { name: string; email?: string }[];
  /** the file's headers (participants, attendees, present...) */
  headers?: Record<string, string>;
}

interface Located {
  turn: number;
  line: number;
  start: number | null;
  speaker: string | null;
  quote: string;
}

export interface TranscriptSections {
  attendees: Attendee[];
  pricing: (Located & { prices: { amountMinor: number; amountMaxMinor: number | null; currency: string; per: string | null }[]; quantities: { value: number; unit: string }[] })[];
  margins: (Located & { kind: 'margin' | 'discount'; percent: number })[];
  objections: (Located & { type: ObjectionType })[];
  actionItems: (Located & { text: string; owner: string | null; ownerRole: string; ownerIsAttendee: boolean; due: string | null })[];
  decisions: Located[];
  competitors: (Located & { name: string })[];
}

const DECISION = /\b(?:we(?:'ve| have)?\s+(?:all\s+)?(?:decided|agreed|settled on|chose|chosen)|(?:we(?:'ll| will)|let's|let us|we're going to|we are going to)\s+go\s+(?:with|for|ahead)|(?:it's|it is|that's|that is)\s+(?:decided|agreed|settled)|(?:decision|conclusion)\s+(?:is|was)\b|\bagreed\s+(?:to|on|that)\b|^decision\s*:|\bwe(?:'re| are)\s+(?:going with|sticking with))/i;

const MAX_QUOTE = 240;
const clip = (text: string) => (text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text);

/** The sentence of `text` that holds offset `at`, as the quote for a signal found there. */
function sentenceAt(sentences: { text: string; start: number; end: number }[], at: number): string {
  return clip((sentences.find((s) => at >= s.start && at < s.end) ?? sentences[0])?.text.trim() ?? '');
}

export function buildSections(turns: readonly Turn[], speakers: readonly string[], ctx: SectionContext): TranscriptSections {
  const attendees = namedAttendees(turns, speakers, ctx);
  const people = attendees.map((a) => a.name);
  const out: TranscriptSections = { attendees, pricing: [], margins: [], objections: [], actionItems: [], decisions: [], competitors: [] };
  for (const turn of turns) {
    const signals: Signals = extractSignals(turn.text, {
      now: ctx.now,
      ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}),
      ...(ctx.knownCompetitors ? { knownCompetitors: ctx.knownCompetitors } : {}),
      ...(turn.speaker ? { speaker: turn.speaker } : {}),
      participants: people,
    });
    const sentences = splitSentences(turn.text);
    const at = (offset: number): Located => ({
      turn: turn.index,
      line: turn.line,
      start: turn.start ?? null,
      speaker: turn.speaker ?? null,
      quote: sentenceAt(sentences, offset),
    });
    if (signals.prices.length > 0) {
      out.pricing.push({
        ...at(signals.prices[0]?.start ?? 0),
        prices: signals.prices.map((p) => ({ amountMinor: p.amountMinor, amountMaxMinor: p.amountMaxMinor ?? null, currency: p.currency, per: p.per ?? null })),
        quantities: signals.quantities.map((q) => ({ value: q.value, unit: q.unit })),
      });
    }
    for (const m of signals.margins) out.margins.push({ ...at(m.start), kind: 'margin', percent: m.percent });
    for (const d of signals.discounts) out.margins.push({ ...at(d.start), kind: 'discount', percent: d.percent });
    for (const o of signals.objections) out.objections.push({ ...at(o.start), type: o.type });
    for (const c of signals.competitors) out.competitors.push({ ...at(c.start), name: c.name });
    for (const a of signals.actionItems) {
      const owner = resolveOwner(a.owner, people);
      out.actionItems.push({ ...at(a.start), text: clip(a.text.trim()), owner: owner ?? a.owner, ownerRole: a.ownerRole, ownerIsAttendee: owner !== null, due: a.due });
    }
    for (const s of sentences) {
      if (DECISION.test(s.text) && !/\?\s*$/.test(s.text)) out.decisions.push(at(s.start));
    }
  }
  return out;
}
