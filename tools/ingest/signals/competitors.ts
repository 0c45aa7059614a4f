import type { CompetitorMention } from './types.ts';

// Known competitor names, matched case-insensitively as whole words ("Quotient CRM", "closewell").
// The name returned is the canonical spelling from context.knownCompetitors.

const cache = new Map<string, { rx: RegExp; byLower: Map<string, string> }>();

function matcher(names: readonly string[]): { rx: RegExp; byLower: Map<string, string> } | null {
  const clean = names.map((n) => n.trim()).filter((n) => n.length > 0);
  if (clean.length === 0) return null;
  const key = clean.join('\u0000');
  let m = cache.get(key);
  if (!m) {
    const escaped = [...clean].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
    m = { rx: new RegExp(`(?<![\\w])(?:${escaped.join('|')})(?![\\w])`, 'gi'), byLower: new Map(clean.map((n) => [n.toLowerCase().replace(/\s+/g, ' '), n])) };
    if (cache.size > 50) cache.clear();
    cache.set(key, m);
  }
  return m;
}

export function extractCompetitors(text: string, known: readonly string[] | undefined): CompetitorMention[] {
  const m = known ? matcher(known) : null;
  if (!m) return [];
  const out: CompetitorMention[] = [];
  m.rx.lastIndex = 0;
  for (let hit = m.rx.exec(text); hit !== null; hit = m.rx.exec(text)) {
    const name = m.byLower.get(hit[0].toLowerCase().replace(/\s+/g, ' ')) ?? hit[0];
    out.push({ name, text: hit[0], start: hit.index, end: hit.index + hit[0].length });
  }
  return out;
}
