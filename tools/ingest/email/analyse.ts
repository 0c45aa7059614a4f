import { embedLocalOne } from '../../../core/embeddings/local.ts';
import { passagesOf } from '../../../core/text/passages.ts';
import { stripNul } from '../core/index.ts';
import { extractSignals, type Signals } from '../signals/index.ts';
import { parseEmail, type ParsedEmail } from './parse.ts';

// Everything about one message that needs no database: MIME parsing, the clean body, its signals and
// (with the local embedder) its chunks and vectors. Runs in the importing thread or in worker threads
// (pool.ts) with the same inputs and the same results.
// Relative dates ("by Friday") resolve in the time zone of the sender when the sender is one of our
// users, else of the first of our users on the message (the rep reading it), else UTC.

export interface AnalyseContext {
  /** our users by lower-cased email */
  users: ReadonlyMap<string, { timeZone: string }>;
  competitors: readonly string[];
  /** the run's clock, for a message without a date */
  now: Date;
  /** true: cut and embed the message here (local embedder only) */
  embed: boolean;
  dimensions: number;
}

export interface Analysed {
  email: ParsedEmail;
  /** null for machine mail (no interaction is made of it) */
  signals: Signals | null;
  /** subject + clean body, what the chunks are cut from */
  embedText: string;
  chunks: { text: string; embedding: number[] }[] | null;
}

export type AnalyseResult = { ok: true; analysed: Analysed } | { ok: false; reason: string };
export type Analyser = (raw: Buffer, separator: string | undefined) => Promise<AnalyseResult>;

export function timeZoneFor(e: ParsedEmail, users: AnalyseContext['users']): string | undefined {
  if (e.from && users.has(e.from.email)) return users.get(e.from.email)!.timeZone;
  for (const p of [...e.to, ...e.cc, ...e.bcc]) {
    const user = users.get(p.email);
    if (user) return user.timeZone;
  }
  return undefined;
}

export async function analyseMessage(raw: Buffer, separator: string | undefined, ctx: AnalyseContext): Promise<AnalyseResult> {
  const parsed = await parseEmail(raw, separator === undefined ? {} : { separator });
  if (!parsed.ok) return parsed;
  const e = parsed.email;
  if (e.automated) return { ok: true, analysed: { email: e, signals: null, embedText: '', chunks: null } };
  const body = stripNul(e.body);
  const subject = e.subject ? stripNul(e.subject).slice(0, 998) : null;
  const everyone = [...(e.from ? [e.from] : []), ...e.to, ...e.cc, ...e.bcc];
  const timeZone = timeZoneFor(e, ctx.users);
  const signals = extractSignals(body, {
    now: e.date ?? ctx.now,
    ...(timeZone ? { timeZone } : {}),
    ...(e.from ? { speaker: e.from.name ?? e.from.email } : {}),
    participants: everyone.map((p) => p.name ?? p.email),
    knownCompetitors: [...ctx.competitors],
  });
  const embedText = subject ? `${subject}\n\n${body}` : body;
  const chunks = ctx.embed ? passagesOf(embedText).map((text) => ({ text, embedding: embedLocalOne(text, ctx.dimensions) })) : null;
  return { ok: true, analysed: { email: e, signals, embedText, chunks } };
}

/** the analyser that runs in this thread */
export const localAnalyser = (ctx: AnalyseContext): Analyser => (raw, separator) => analyseMessage(raw, separator, ctx);
