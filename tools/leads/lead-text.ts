// Small text helpers the lead tools share: quotes for evidence, sentences to match patterns against.

/** Whitespace collapsed and cut to `max` characters with an ellipsis. */
export function shortQuote(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** What an interaction says in one line: its summary, else its subject, else the start of its body. */
export function interactionQuote(i: { summary: string | null; subject: string | null; body: string }, max = 160): string {
  return shortQuote(i.summary ?? i.subject ?? i.body, max);
}

/** Sentences of a text: split after . ! ? and at line breaks; empty pieces dropped. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

export const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (rounded down); never negative. */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
}
