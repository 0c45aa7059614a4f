import { splitSentences } from './sentences.ts';

// Passages for search: a long text (email, transcript turn run, note) is cut into windows of a few sentences
// that overlap by one, so a one-line objection in a long email is a passage of its own instead of a sliver of a
// whole-email chunk, and a point made across two sentences still sits in one window. A short text stays whole.

const LEADING_HEADING = /^([^\n]{1,150}[^\n.?!])[ \t]*\n[ \t]*\n/;

export interface PassageOptions {
  /** sentences per window (default 2) */
  sentences?: number;
  /** a window stops growing past this many characters (default 400); a longer sentence is a window alone */
  maxChars?: number;
  /** texts up to this many characters stay one passage (default 200) */
  wholeUpTo?: number;
}

/**
 * Passages of `text`, in order. With a heading (an email's subject), the heading opens the first passage, where
 * it belongs to what the text starts with. Windows slide one sentence at a time, so consecutive windows share a
 * sentence; the last sentence of the text always ends a window.
 */
export function passagesOf(text: string, heading: string | null = null, options: PassageOptions = {}): string[] {
  const size = Math.max(1, options.sentences ?? 2);
  const maxChars = options.maxChars ?? 400;
  let body = text.trim();
  if (heading === null) {
    // a first line without end punctuation, alone before a blank line, is a heading (a subject stored with its
    // body): kept with the first passage, not counted as a sentence, so re-chunking a passage gives it back
    const found = LEADING_HEADING.exec(body);
    if (found) {
      heading = found[1]!;
      body = body.slice(found[0].length).trim();
    }
  }
  const head = heading?.trim() ? `${heading.trim()}\n\n` : '';
  if (!body) return head ? [head.trim()] : [];
  const sentences = splitSentences(body).map((s) => s.text);
  if (body.length <= (options.wholeUpTo ?? 200) || sentences.length <= size) return [`${head}${body}`];
  const out: string[] = [];
  for (let start = 0; start < sentences.length; start++) {
    let window = sentences[start]!;
    let end = start + 1;
    while (end < start + size && end < sentences.length && window.length + 1 + sentences[end]!.length <= maxChars) {
      window = `${window} ${sentences[end]}`;
      end += 1;
    }
    out.push(start === 0 ? `${head}${window}` : window);
    if (end >= sentences.length) break; // this window reached the end: a later start would only repeat its tail
  }
  return out;
}
