// Typos in the words that carry intent or an option ("qualifed", "negotation", "soruce", "forcast"):
// a word the model does not know is read as the known word one edit away (two for long words), a swap of
// neighbouring letters counting as one edit. Names are taken out before this runs, so only request
// words are corrected; a word with no single closest known word is left as it is.

/** Words the tools' options are written in, beside the example utterances' own words. */
export const OPTION_WORDS =
  'prospecting prospect qualification qualifying discovery proposal proposals negotiation negotiating closed won lost new contacted qualified disqualified opportunity customer customers nurturing working converted unqualified referral referrals website event events outbound partner partners webinar webinars content social search import imported source sources campaign campaigns pipeline forecast revenue leaderboard quarter month year week today tomorrow yesterday monday tuesday wednesday thursday friday saturday sunday priority urgent follow followup intro meeting objection sequence transcript email emails calls meetings notes duplicates duplicate merge assign score qualify stage stages probability quota attainment activities cycle rate ratio product products region segment enterprise market'.split(' ');

/** Optimal string alignment distance (Levenshtein plus swaps of neighbours), giving up past `max`. */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

export class Speller {
  private readonly byInitial = new Map<string, string[]>();
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly known: ReadonlySet<string>,
    /** how often each known word occurs, to break ties toward the common word */
    private readonly frequency: ReadonlyMap<string, number>,
  ) {
    for (const w of known) {
      if (w.length < 4 || /[^a-z]/.test(w)) continue;
      const list = this.byInitial.get(w[0]!) ?? [];
      list.push(w);
      this.byInitial.set(w[0]!, list);
    }
  }

  /** The word as the model knows it, or the word itself. */
  word(w: string): string {
    if (w.length < 5 || this.known.has(w) || /[^a-z]/.test(w) || w.startsWith('x')) return w;
    const hit = this.cache.get(w);
    if (hit !== undefined) return hit;
    const max = w.length >= 8 ? 2 : 1;
    let best: { word: string; d: number; f: number } | undefined;
    let tie = false;
    for (const k of this.byInitial.get(w[0]!) ?? []) {
      const d = typoDistance(w, k, max);
      if (d > max) continue;
      const f = this.frequency.get(k) ?? 0;
      if (!best || d < best.d || (d === best.d && f > best.f * 3)) {
        tie = false;
        best = { word: k, d, f };
      } else if (d === best.d && best.f <= f * 3) tie = true;
    }
    const out = best && !tie ? best.word : w;
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(w, out);
    return out;
  }

  /** A normalized text with each unknown word corrected. */
  text(normalized: string): string {
    return normalized ? normalized.split(' ').map((w) => this.word(w)).join(' ') : normalized;
  }
}
