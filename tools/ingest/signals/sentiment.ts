import type { Sentiment } from '../../../core/domain.ts';
import { INTENSIFIERS, NEGATORS, PHRASES, WORDS } from './sentiment-lexicon.ts';
import type { SentimentScore } from './types.ts';

// Lexicon sentiment (sentiment-lexicon.ts). Phrases are scored first and blanked out; each remaining
// word's weight is multiplied by an intensifier right before it ("very good" x1.5) and flipped at
// strength x0.75 when a negator sits within the three words before it ("not good" -> -0.75, "not bad" -> +1.125).
// As in VADER, a "but" (or "however") shifts the weight to what follows it: x0.5 before the last "but", x1.5 after
// ("nice, but could be better quality" is not positive).
// score = tanh(sum / 2) in -1..1; positive at >= 0.3, negative at <= -0.3, neutral between.

export const POSITIVE_AT = 0.3;
export const NEGATIVE_AT = -0.3;

export function scoreSentiment(text: string): SentimentScore {
  const butAt = text.search(/\b(?:but|however)\b(?![\s\S]*\b(?:but|however)\b)/i);
  const contrast = (index: number): number => (butAt < 0 ? 1 : index < butAt ? 0.5 : 1.5);
  let sum = 0;
  let rest = text;
  for (const [rx, weight] of PHRASES) {
    rest = rest.replace(rx, (m: string, ...args: unknown[]) => {
      sum += weight * contrast(args[args.length - 2] as number);
      return ' '.repeat(m.length);
    });
  }
  const tokens = [...rest.toLowerCase().matchAll(/[a-z]+(?:'[a-z]+)?|n't/g)];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as RegExpMatchArray;
    const weight = WORDS[token[0]];
    if (weight === undefined) continue;
    let w = weight * (INTENSIFIERS[tokens[i - 1]?.[0] ?? ''] ?? 1) * contrast(token.index as number);
    for (let j = Math.max(0, i - 3); j < i; j++) {
      const t = (tokens[j] as RegExpMatchArray)[0];
      if (NEGATORS.has(t) || t.endsWith("n't")) {
        w = -w * 0.75;
        break;
      }
    }
    sum += w;
  }
  const score = Math.round(Math.tanh(sum / 2) * 1000) / 1000;
  const label: Sentiment = score >= POSITIVE_AT ? 'positive' : score <= NEGATIVE_AT ? 'negative' : 'neutral';
  return { label, score };
}
