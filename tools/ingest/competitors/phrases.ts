// Competitors named by how people talk about them, not from a list: "Sensortec quoted us $45",
// "we're also talking to Rollwerk", "we're going with Voltcore if it slips", "Trackon quoted us $61 per
// unit". A name is one to three capitalised words; the price is the first amount written right after a
// "quoted". Candidates only: a person confirms them (the deal's competitors list).

export interface PhraseHit {
  name: string;
  phrase: 'quoted' | 'talking to' | 'going with' | 'considering';
  quote: string;
  price: { amountMinor: number; currency: string } | null;
}

const NAME = String.raw`([A-Z][A-Za-z0-9&.-]*[A-Za-z0-9](?:\s+[A-Z][A-Za-z0-9&-]*[A-Za-z0-9]){0,2})`;
const PATTERNS: [RegExp, PhraseHit['phrase']][] = [
  [new RegExp(String.raw`\b${NAME}\s+(?:has\s+|have\s+|already\s+)?quoted\b`, 'g'), 'quoted'],
  [new RegExp(String.raw`\b(?:also\s+)?(?:talking|speaking)\s+(?:to|with)\s+${NAME}`, 'g'), 'talking to'],
  [new RegExp(String.raw`\b(?:going|go)\s+with\s+${NAME}`, 'g'), 'going with'],
  [new RegExp(String.raw`\b(?:considering|evaluating|looking\s+at)\s+${NAME}`, 'g'), 'considering'],
];
// words that start a sentence or name us, not a company
const NOT_NAMES = new Set(['We', 'I', 'They', 'You', 'Our', 'The', 'This', 'That', 'It', 'He', 'She', 'Someone', 'Nobody', 'Everyone', 'Your', 'Their', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
const CURRENCY: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };
const PRICE = /^[^.!?\n]{0,30}?([$€£])\s?(\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)/;

export function competitorPhrases(text: string): PhraseHit[] {
  const out: PhraseHit[] = [];
  for (const [rx, phrase] of PATTERNS) {
    rx.lastIndex = 0;
    for (let m = rx.exec(text); m !== null; m = rx.exec(text)) {
      const name = m[1]!.trim();
      if (NOT_NAMES.has(name.split(/\s+/)[0]!)) continue;
      const end = m.index + m[0].length;
      const sentenceEnd = text.slice(end).search(/[.!?\n]/);
      const quote = text.slice(m.index, sentenceEnd < 0 ? text.length : end + sentenceEnd).trim().slice(0, 200);
      const p = phrase === 'quoted' ? PRICE.exec(text.slice(end, end + 60)) : null;
      const price = p ? { amountMinor: Math.round(Number(p[2]!.replace(/,/g, '')) * 100), currency: CURRENCY[p[1]!]! } : null;
      out.push({ name, phrase, quote, price });
    }
  }
  return out;
}
