import { splitSentences } from '../signals/index.ts';

// Passages for semantic search: whole paragraphs packed greedily up to `max` characters (so the
// chunks of a long text mostly run 500-1000), long paragraphs cut at sentence ends, and each chunk
// after the first opening with the tail of the one before (about `overlap` characters, from a
// sentence or word start) so a fact split across a cut is still found.

export interface ChunkOptions {
  /** a chunk stops growing past this many characters (default 1000) */
  max?: number;
  /** characters of the previous chunk repeated at the start of the next (default 120) */
  overlap?: number;
}

/** pieces no longer than max: sentences of a long paragraph, words of a run-on sentence */
function units(paragraph: string, max: number): string[] {
  if (paragraph.length <= max) return [paragraph];
  const out: string[] = [];
  for (const sentence of splitSentences(paragraph)) {
    let rest = sentence.text;
    while (rest.length > max) {
      const cut = rest.lastIndexOf(' ', max);
      const at = cut > max / 2 ? cut : max;
      out.push(rest.slice(0, at).trim());
      rest = rest.slice(at).trim();
    }
    if (rest) out.push(rest);
  }
  return out;
}

/** the last ~overlap characters of a chunk, starting at a sentence or word boundary */
function tail(chunk: string, overlap: number): string {
  if (overlap <= 0 || chunk.length <= overlap) return '';
  const window = chunk.slice(chunk.length - overlap);
  const sentence = window.search(/[.?!]\s+\S/);
  if (sentence >= 0) return window.slice(sentence + 1).trim();
  const word = window.indexOf(' ');
  return word >= 0 ? window.slice(word + 1).trim() : '';
}

export function chunkText(text: string, options: ChunkOptions = {}): string[] {
  const max = options.max ?? 1000;
  const overlap = options.overlap ?? 120;
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (trimmed.length <= max) return [trimmed];
  const pieces = trimmed
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .flatMap((p) => units(p, max));
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (!current) {
      current = piece;
      continue;
    }
    const joined = `${current}\n\n${piece}`;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    chunks.push(current);
    const carry = tail(current, overlap);
    current = carry && carry.length + piece.length + 2 <= max ? `${carry}\n\n${piece}` : piece;
  }
  if (current) chunks.push(current);
  return chunks;
}
