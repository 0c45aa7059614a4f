import type { Fact } from './fact.ts';

// The check a model-written draft must pass: every number, date and name it states has to be found in
// the facts it was given. Offline drafts pass it by construction (and a test proves it). What it flags:
// - numbers: "$48,000", "30%", "12 seats" -> the digits must appear in a fact
// - dates: weekday and month names ("Friday", "June 12")
// - names: capitalised words that do not start a sentence ("met with Dana at Acme")

export interface UnsupportedClaim {
  kind: 'number' | 'date' | 'name';
  text: string;
}

const WEEKDAY = /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g;
const MONTH_DAY = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?/g;
const NUMBER = /[$€£]?\d[\d,.]*(?:\s?%|k\b|m\b)?/gi;
// capitalised words any sentence may use mid-sentence without naming anyone
const COMMON = new Set(['I', 'ROI', 'OK', 'SMS', 'WhatsApp', 'PS', 'CRM', 'Q1', 'Q2', 'Q3', 'Q4', 'Re', 'BANT', 'MEDDIC', 'Dear', 'Hi', 'Hello', 'Kind', 'Cheers']);

const norm = (s: string) => s.toLowerCase().replace(/[\s,]/g, '');

export function unsupportedClaims(text: string, facts: readonly Fact[]): UnsupportedClaim[] {
  const haystack = facts.map((f) => `${f.fact} ${f.source.quote ?? ''}`).join(' \n ');
  const flat = norm(haystack);
  const out: UnsupportedClaim[] = [];
  const seen = new Set<string>();
  const flag = (kind: UnsupportedClaim['kind'], t: string) => {
    const key = `${kind}:${t}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ kind, text: t });
    }
  };
  const dates = [...text.matchAll(WEEKDAY), ...text.matchAll(MONTH_DAY)].map((m) => m[0]);
  for (const d of dates) if (!flat.includes(norm(d))) flag('date', d);
  const dateText = dates.join(' ');
  for (const m of text.matchAll(NUMBER)) {
    m[0] = m[0].replace(/[.,]+$/, '');
    const digits = m[0].replace(/[^\d]/g, '');
    if (digits === '' || dateText.includes(m[0].trim())) continue;
    if (!haystack.replace(/[^\d]/g, ' ').split(/\s+/).some((n) => n !== '' && n.includes(digits)) && !flat.includes(norm(m[0]))) flag('number', m[0].trim());
  }
  // a capitalised word that does not start a sentence or line (and is not part of a date) is taken as a name
  for (const sentence of text.split(/(?<=[.!?:]["”’)]{0,2})\s+|\n+/)) {
    const words = sentence.replace(/^[-*•“"(‘'\s]+/, '').split(/\s+/).slice(1);
    for (const raw of words) {
      const word = raw.replace(/^[“"(‘']+|[^\w'’-]+$/g, '');
      if (!/^[A-Z]/.test(word) || COMMON.has(word) || dates.some((d) => d.includes(word))) continue;
      if (!haystack.includes(word)) flag('name', word);
    }
  }
  return out;
}
