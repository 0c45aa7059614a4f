// Deal identifiers written into subjects and bodies: "RFQ-1234", "RFQ #1234", "PO 5678", "P.O. number 5678",
// "purchase order 5678", "Quote Q-2291", "RFP 2026-07". Normalised to FAMILY-ID (upper case), so the same
// request written three ways is one key. An id must contain a digit ("PO Box" is not a purchase order).

const FAMILIES: [RegExp, string][] = [
  [/^rfq$|^request for quot(e|ation)$/i, 'RFQ'],
  [/^rfp$|^request for proposal$/i, 'RFP'],
  [/^rfi$/i, 'RFI'],
  [/^p\.?o\.?$|^purchase order$/i, 'PO'],
  [/^quot(e|ation)$/i, 'QUOTE'],
  [/^tender$/i, 'TENDER'],
];

const TAG =
  /\b(RFQ|RFP|RFI|P\.?O\.?|purchase order|request for quot(?:e|ation)|request for proposal|quot(?:e|ation)|tender)(?![a-z])\s*((?:number|no\.?|nr\.?|#|ref\.?)\s*)?([:#-])?\s*((?=[a-z0-9-]*\d)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)/gi;

// "quote" and "tender" are also verbs and nouns ("can you quote 500 seats"): they make a tag only with
// a marker ("Quote #2291", "quote no. 7") or an id that is not a bare number ("Quote Q-2291"), and never
// when what follows is another tag ("please quote RFQ-777" is about RFQ-777, read on its own).
const NEEDS_MARKER = new Set(['QUOTE', 'TENDER']);
const ANOTHER_TAG = /^(RFQ|RFP|RFI|PO)-?\d/;

function familyOf(word: string): string | undefined {
  const compact = word.replace(/\s+/g, ' ').trim();
  return FAMILIES.find(([pattern]) => pattern.test(compact))?.[1];
}

/** "RFQ-1234" -> "RFQ"; undefined for a string that is not a tag. */
export const tagFamily = (tag: string): string | undefined => /^([A-Z]+)-/.exec(tag)?.[1];

/** The distinct deal tags in `text`, normalised, in order of first mention. */
export function extractDealTags(text: string): string[] {
  const out: string[] = [];
  const re = new RegExp(TAG.source, TAG.flags);
  for (let match = re.exec(text); match !== null; match = re.exec(text)) {
    const word = match[1] ?? '';
    const family = familyOf(word);
    let id = (match[4] ?? '').toUpperCase();
    if (!family || !id) continue;
    // "po" in running text is not a purchase order; "PO" and "P.O." are
    if (family === 'PO' && !/^purchase/i.test(word) && word !== word.toUpperCase()) continue;
    if (NEEDS_MARKER.has(family) && !match[2] && !match[3] && /^\d+$/.test(id)) continue;
    if (NEEDS_MARKER.has(family) && !match[2] && ANOTHER_TAG.test(id)) {
      // read again from the id, which is a tag of its own
      re.lastIndex = match.index + word.length;
      continue;
    }
    // "Quote Q-2291": the id's own family letter is noise
    id = id.replace(new RegExp(`^(${family}|Q)-(?=[A-Z0-9]*\\d)`), '');
    const tag = `${family}-${id}`;
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

/** Tags given by a handler, normalised the same way ("rfq 1234" -> "RFQ-1234"); unreadable ones are kept upper-cased. */
export function normaliseTag(tag: string): string {
  return extractDealTags(tag)[0] ?? tag.trim().toUpperCase();
}
