import { extractActionItems } from './action-items.ts';
import { wallClock } from './calendar.ts';
import { extractCompetitors } from './competitors.ts';
import { extractDates, type DateReference } from './dates.ts';
import { scanNumbers } from './numbers.ts';
import { extractObjections } from './objections.ts';
import { extractPercents } from './percents.ts';
import { extractPrices } from './prices.ts';
import { extractQuantities } from './quantities.ts';
import { detectQuestion } from './questions.ts';
import { splitSentences } from './sentences.ts';
import { scoreSentiment } from './sentiment.ts';
import type { SignalContext, Signals, Span } from './types.ts';

// Pure signal extraction for one email paragraph or transcript turn: no I/O, no clock (time comes
// from context.now), no state beyond compiled regexes. Sentence-level signals (questions,
// objections, action items, dates' tense) run per sentence; offsets are into the input text.

const shift = <T extends Span>(items: T[], by: number): T[] => {
  for (const it of items) {
    it.start += by;
    it.end += by;
  }
  return items;
};

export function extractSignals(text: string, context: SignalContext): Signals {
  const out: Signals = {
    quantities: [], prices: [], dates: [], margins: [], discounts: [], competitors: [],
    objections: [], questions: [], sentiment: scoreSentiment(text), actionItems: [],
  };
  let ref: DateReference | null = null;
  for (const s of splitSentences(text)) {
    const numbers = scanNumbers(s.text);
    const percents = extractPercents(s.text, numbers);
    const prices = extractPrices(s.text, numbers.filter((n) => !percents.spans.some((p) => n.start >= p.start && n.end <= p.end)));
    const quantities = extractQuantities(s.text, numbers, [...percents.spans, ...prices]);
    ref ??= { now: context.now, ...wallClock(context.now, context.timeZone) };
    const dates = extractDates(s.text, ref);
    const competitors = extractCompetitors(s.text, context.knownCompetitors);
    const question = detectQuestion({ text: s.text, start: 0, end: s.text.length });
    const local = { text: s.text, start: 0, end: s.text.length };
    const objections = extractObjections(local, competitors);
    const actions = extractActionItems(local, dates, context, question);
    out.quantities.push(...shift(quantities, s.start));
    out.prices.push(...shift(prices, s.start));
    out.margins.push(...shift(percents.margins, s.start));
    out.discounts.push(...shift(percents.discounts, s.start));
    out.dates.push(...shift(dates, s.start));
    out.competitors.push(...shift(competitors, s.start));
    out.objections.push(...shift(objections, s.start));
    if (question) out.questions.push(...shift([question], s.start));
    out.actionItems.push(...shift(actions, s.start));
  }
  return out;
}
