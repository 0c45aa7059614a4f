import { OBJECTION_TYPES } from '../../core/domain.ts';
import { extractSignals } from '../../tools/ingest/signals/extract.ts';
import type { Signals } from '../../tools/ingest/signals/types.ts';
import type { LabelledSentence } from './dataset.ts';

// Span-level scoring. A prediction matches an unmatched expected item of the same sentence when its
// key matches: quantity = value + unit (+ valueMax), price = amountMinor + currency (+ amountMaxMinor),
// date = ISO date, margin/discount = percent, competitor = name, objection = type, action item = owner.
// P = TP / (TP + FP), R = TP / (TP + FN), F1 = 2PR / (P + R); with nothing predicted and nothing
// expected the row reads n/a rather than inventing a 1.0.

export interface Counts { tp: number; fp: number; fn: number }
export interface Row extends Counts { type: string; precision: number | null; recall: number | null; f1: number | null }
export interface Miss { id: string; type: string; kind: 'fp' | 'fn'; detail: string; text: string }
export interface Report {
  rows: Row[];
  objectionSetAccuracy: number | null;
  questionAccuracy: number | null;
  sentimentAccuracy: number | null;
  dateKindAccuracy: number | null;
  actionDueAccuracy: number | null;
  sentences: number;
  misses: Miss[];
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

export function toRow(type: string, c: Counts): Row {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { type, ...c, precision, recall, f1 };
}

/** greedy multiset match of keys; returns the matched pairs and the leftovers */
export function matchKeys<P, E>(pred: P[], exp: E[], pk: (p: P) => string, ek: (e: E) => string): { pairs: [P, E][]; fp: P[]; fn: E[] } {
  const left = [...exp];
  const pairs: [P, E][] = [];
  const fp: P[] = [];
  for (const p of pred) {
    const i = left.findIndex((e) => ek(e) === pk(p));
    if (i >= 0) pairs.push([p, left.splice(i, 1)[0] as E]);
    else fp.push(p);
  }
  return { pairs, fp, fn: left };
}

const qKey = (q: { value: number; valueMax?: number; unit: string }): string => `${q.value}|${q.valueMax ?? ''}|${q.unit}`;
const pKey = (p: { amountMinor: number; amountMaxMinor?: number; currency: string }): string => `${p.amountMinor}|${p.amountMaxMinor ?? ''}|${p.currency}`;
const norm = (s: string | null): string => (s ?? '').trim().toLowerCase();

export function scoreDataset(rows: LabelledSentence[], extract: (r: LabelledSentence) => Signals = predict): Report {
  const counts = new Map<string, Counts>();
  const bump = (type: string, k: keyof Counts, n = 1): void => {
    const c = counts.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    c[k] += n;
    counts.set(type, c);
  };
  const misses: Miss[] = [];
  const tally = <P, E>(r: LabelledSentence, type: string, pred: P[], exp: E[], pk: (p: P) => string, ek: (e: E) => string): [P, E][] => {
    const m = matchKeys(pred, exp, pk, ek);
    bump(type, 'tp', m.pairs.length);
    bump(type, 'fp', m.fp.length);
    bump(type, 'fn', m.fn.length);
    for (const p of m.fp) misses.push({ id: r.id, type, kind: 'fp', detail: pk(p), text: r.text });
    for (const e of m.fn) misses.push({ id: r.id, type, kind: 'fn', detail: ek(e), text: r.text });
    return m.pairs;
  };
  let objectionSets = 0, questionsRight = 0, sentimentRight = 0, kindPairs = 0, kindRight = 0, actionPairs = 0, dueRight = 0;
  for (const r of rows) {
    const s = extract(r);
    const e = r.expected;
    tally(r, 'quantities', s.quantities, e.quantities, qKey, qKey);
    tally(r, 'prices', s.prices, e.prices, pKey, pKey);
    const datePairs = tally(r, 'dates', s.dates, e.dates, (d) => d.date, (d) => d.date);
    kindPairs += datePairs.length;
    kindRight += datePairs.filter(([p, x]) => p.kind === x.kind).length;
    tally(r, 'margins', s.margins, e.margins, (m) => String(m.percent), (m) => String(m.percent));
    tally(r, 'discounts', s.discounts, e.discounts, (m) => String(m.percent), (m) => String(m.percent));
    tally(r, 'competitors', s.competitors, e.competitors, (c) => c.name, (c) => c);
    const predTypes = [...new Set(s.objections.map((o) => o.type))].sort();
    tally(r, 'objections', predTypes, [...e.objections].sort(), (t) => t, (t) => t);
    if (predTypes.join() === [...new Set(e.objections)].sort().join()) objectionSets++;
    const asked = s.questions.length > 0;
    bump('questions', asked && e.questions ? 'tp' : asked ? 'fp' : e.questions ? 'fn' : 'tp', asked || e.questions ? 1 : 0);
    if (asked !== e.questions) misses.push({ id: r.id, type: 'questions', kind: asked ? 'fp' : 'fn', detail: String(e.questions), text: r.text });
    if (asked === e.questions) questionsRight++;
    if (s.sentiment.label === e.sentiment) sentimentRight++;
    else misses.push({ id: r.id, type: 'sentiment', kind: 'fp', detail: `${s.sentiment.label} (${s.sentiment.score}) vs ${e.sentiment}`, text: r.text });
    const actions = tally(r, 'actionItems', s.actionItems, e.actionItems, (a) => norm(a.owner), (a) => norm(a.owner));
    actionPairs += actions.length;
    dueRight += actions.filter(([p, x]) => p.due === x.due).length;
  }
  const order = ['quantities', 'prices', 'dates', 'margins', 'discounts', 'competitors', 'objections', 'questions', 'actionItems'];
  return {
    rows: order.map((t) => toRow(t, counts.get(t) ?? { tp: 0, fp: 0, fn: 0 })),
    objectionSetAccuracy: ratio(objectionSets, rows.length),
    questionAccuracy: ratio(questionsRight, rows.length),
    sentimentAccuracy: ratio(sentimentRight, rows.length),
    dateKindAccuracy: ratio(kindRight, kindPairs),
    actionDueAccuracy: ratio(dueRight, actionPairs),
    sentences: rows.length,
    misses,
  };
}

export function predict(r: LabelledSentence): Signals {
  return extractSignals(r.text, { ...r.context, now: new Date(r.now) });
}

/** per-type rows for objections alone (which types are confused) */
export function objectionTypeRows(rows: LabelledSentence[]): Row[] {
  return OBJECTION_TYPES.map((type) => {
    const c: Counts = { tp: 0, fp: 0, fn: 0 };
    for (const r of rows) {
      const pred = predict(r).objections.some((o) => o.type === type);
      const exp = r.expected.objections.includes(type);
      if (pred && exp) c.tp++;
      else if (pred) c.fp++;
      else if (exp) c.fn++;
    }
    return toRow(type, c);
  });
}
