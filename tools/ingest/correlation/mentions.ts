// A deal's own name written in a fragment: "Insight Analytics pricing for 100 seats" is about the deal
// "Initech Software - Insight Analytics", not "Initech Software - Forecast Pro - Cross-sell", although the
// same contact is on both. A deal name is cut into its parts (" - ", " – ", ":", "|", brackets); a part
// of at least four characters that the subject or body contains as whole words counts, unless every
// candidate's name has it (the account name they share says nothing about which deal it is).

const SEPARATORS = /\s+[-–—|]\s+|:\s+|[()[\]]/;

export function nameParts(name: string): string[] {
  return [...new Set(name.toLowerCase().split(SEPARATORS).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p.length >= 4))];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function contains(text: string, phrase: string): boolean {
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escape(phrase)}($|[^\\p{L}\\p{N}])`, 'u').test(text);
}

/** Per deal name, the first part `text` (lower case) mentions that not every one of `names` shares; undefined when none. */
export function mentionedParts(text: string, names: readonly string[]): (string | undefined)[] {
  const parts = names.map(nameParts);
  const shared = names.length > 1 ? new Set(parts.reduce((a, b) => a.filter((p) => b.includes(p)))) : new Set<string>();
  return parts.map((own) => own.find((p) => !shared.has(p) && contains(text, p)));
}
