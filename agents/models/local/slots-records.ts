// Record fields read straight from the request: a lead's stated contact details, and record ids the user
// pasted (exact, so they never need a question).

// "update Dana's title to VP Sales", "set her phone to +1 555 0100", "email is dana@acme.com"
export function leadFields(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  const grab = (field: string, re: RegExp) => {
    const m = re.exec(raw);
    if (m?.[1]) out[field] = m[1].trim().replace(/[.?!]+$/, '');
  };
  grab('title', /\b(?:title|job title|role)\s+(?:to|is|=|as)\s+(.+?)(?:,| and |$)/i);
  grab('phone', /\b(?:phone|phone number|mobile|cell)\s+(?:number\s+)?(?:to|is|=)\s+([+\d][\d\s().-]{5,})/i);
  grab('email', /\bemail\s+(?:address\s+)?(?:to|is|=)\s+([\w.+-]+@[\w.-]+\.\w+)/i);
  grab('company', /\b(?:company|employer)\s+(?:to|is|=)\s+(.+?)(?:,| and |$)/i);
  // "create a lead: Jane Doe, CTO at Acme" / "add Jane Doe from Acme as a lead"
  const created = /\b(?:lead|contact)\s*(?:for|:|-)?\s*([A-Z][a-z'-]+ [A-Z][\w'-]+)(?:,\s*([^,]+?)\s+at\b\s*([A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*)*)?)?/.exec(raw) ?? /\badd ([A-Z][a-z'-]+ [A-Z][\w'-]+)\b/.exec(raw);
  if (created?.[1] && /\b(create|new|add)\b/i.test(raw)) out.fullName = created[1];
  if (created?.[2]) out.title = created[2].trim();
  if (created?.[3] && out.company === undefined) out.company = created[3].trim();
  return out;
}

const UUID_AT = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
// the words around an id that say which side of a merge it is on
const KEEPS_BEFORE = /\b(keep|keeping|survivor|surviving|winner|master|primary|main|into|onto|to keep)\b[^0-9a-f]{0,4}(?:\s\S+){0,4}\W*$/i;
const GOES_BEFORE = /\b(duplicate|dup|dupe|merge|fold|combine|remove|delete|drop|absorb|loser|copy)\b[^0-9a-f]{0,12}$/i;
const GOES_AFTER = /^[\s)]*(into|in to|onto)\b/i;

/**
 * Record ids the user pasted fill the record fields the names left empty ("merge lead <id> into <id>"):
 * ids are exact, so they never need a question. For a merge, the words around each id say which one stays.
 */
export function recordIds(raw: string, input: Record<string, unknown>, fields: string[], merge: boolean) {
  const ids = [...raw.matchAll(UUID_AT)].map((m) => ({ id: m[0], before: raw.slice(Math.max(0, m.index! - 40), m.index!), after: raw.slice(m.index! + m[0].length, m.index! + m[0].length + 12) }));
  if (ids.length === 0) return;
  if (merge) {
    const free = ids.filter((x) => x.id !== input.survivor && x.id !== input.duplicate);
    for (const x of free) {
      const side = GOES_AFTER.test(x.after) ? 'duplicate' : /\b(into|onto)\b[^0-9a-f]{0,12}$/i.test(x.before) ? 'survivor' : GOES_BEFORE.test(x.before) ? 'duplicate' : KEEPS_BEFORE.test(x.before) ? 'survivor' : undefined;
      if (side && input[side] === undefined) input[side] = x.id;
    }
    for (const x of free) {
      if (x.id === input.survivor || x.id === input.duplicate) continue;
      const side = input.duplicate === undefined ? 'duplicate' : input.survivor === undefined ? 'survivor' : undefined;
      if (side) input[side] = x.id;
    }
    return;
  }
  const field = fields.find((f) => f !== 'owner' && f !== 'team' && f !== 'product' && input[f] === undefined && (f === 'lead' || f === 'opportunity' || f === 'survivor' || f === 'duplicate'));
  if (field) input[field] = ids[0]!.id;
}
