// Text normalisation and features for the intent classifier: word unigrams and bigrams (meaning) plus
// character 3-grams inside words (typos: "pipline", "forcast").

const APOSTROPHES = /[\u2018\u2019`]/g;

/** Lowercase, straight apostrophes, punctuation to spaces (keeps $ and . inside numbers), single spaces. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/'s\b/g, '')
    .replace(/\s*&\s*/g, ' and ')
    .replace(/[^a-z0-9$%.\s_-]+/g, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/\s-+\s|^-+|-+$/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const words = (normalized: string) => (normalized ? normalized.split(' ') : []);

// Words too common to carry intent on their own; still used inside bigrams.
const STOP = new Set(['the', 'a', 'an', 'me', 'i', 'my', 'our', 'we', 'to', 'for', 'of', 'is', 'are', 'please', 'pls', 'can', 'you', 'u', 'it', 'on', 'in', 'at', 'and', 'with', 'that', 'this', 'what', 'whats', 'do']);

export function features(normalized: string): string[] {
  const ws = words(normalized);
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (!STOP.has(w)) out.push(`w:${w}`);
    if (i + 1 < ws.length) out.push(`b:${w}_${ws[i + 1]}`);
    if (w.length >= 5 && !w.startsWith('x')) {
      const padded = `<${w}>`;
      for (let j = 0; j + 3 <= padded.length; j++) out.push(`c:${padded.slice(j, j + 3)}`);
    }
  }
  if (ws.length > 0) out.push(`s:${ws[0]}`);
  return out;
}
