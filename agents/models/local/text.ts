// Text normalisation and features for the intent classifier: word unigrams and bigrams (meaning) plus
// character 3-grams inside words (typos: "pipline", "forcast").

const APOSTROPHES = /[\u2018\u2019`]/g;

/** Lowercase, straight apostrophes, punctuation to spaces (keeps $ and . inside numbers), single spaces. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    // "$5,000", "72,000": a thousands separator is part of the number, not a break between words
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(APOSTROPHES, "'")
    .replace(/'s\b/g, '')
    .replace(/\s*&\s*/g, ' and ')
    .replace(/[^a-z0-9$%.\s_-]+/g, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/\s-+\s|^-+|-+$/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const URL = /\bhttps?:\/\/\S+/gi;
const PATH = /(?:^|(?<=\s))(?:~|\.{1,2})?\/[\w.-]+(?:\/[\w.-]*)*|(?:^|(?<=\s))[\w-]+(?:\/[\w.-]+)*\.(?:csv|eml|mbox|vtt|srt|sbv|txt|json)\b/gi;
const INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/gi;
const EMAIL = /[\w.+-]+@[\w.-]+\.\w+/g;

/** What a pasted block below the first line looks like: the kind of content, not its words. */
function pasteKind(body: string): string {
  if (/^(from|to|subject|date|message-id|cc):/im.test(body)) return 'xpasted_email';
  const lines = body.split('\n').filter((l) => l.trim());
  if (lines.length >= 2 && lines.every((l) => (l.match(/,/g) ?? []).length >= 2)) return 'xpasted_table';
  if (lines.filter((l) => /^\s*[A-Z][\w .'-]{0,30}:\s/.test(l)).length >= 2) return 'xpasted_dialog';
  return 'xpasted_text';
}

/**
 * The message with its structure put into words the classifier and the name index share: a pasted block
 * below the first line becomes one token for its kind; record ids, links, file paths and timestamps become
 * tokens of their own (their characters say nothing about intent); emails become one word, so an email
 * that is a lead's alias is found as a name. Every reader of word positions goes through this.
 */
export function prepare(message: string): string {
  const nl = message.indexOf('\n');
  const head = nl >= 0 && message.slice(nl + 1).trim() ? `${message.slice(0, nl)} ${pasteKind(message.slice(nl + 1))}` : message;
  return head
    // a quoted title ("mark \"Send the deck\" as done") is one thing the request points at, not its words
    .replace(/["\u201c]([^"\u201d\n]{2,})["\u201d]/g, ' xquote ')
    // "Dana -> qualified": an arrow sets something to a value
    .replace(/\s*(?:->|=>|\u2192)\s*/g, ' xarrow ')
    .replace(UUID, ' xid ')
    .replace(URL, ' xurl ')
    .replace(INSTANT, ' xinstant ')
    .replace(EMAIL, (m) => ` ${m.replace(/[.@+-]/g, '_')} `)
    .replace(PATH, (m) => ` xpath ${/\.(\w+)$/.exec(m)?.[1]?.toLowerCase() ?? 'folder'} `);
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
