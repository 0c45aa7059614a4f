// The deal shape the win-probability model reads. It is deliberately generic — plain strings and
// numbers, no database types — so the tool can build it from Postgres rows and the backtests from
// public CSVs, each as of the day being scored.

export interface DealFacts {
  id?: string;
  /** current stage (open deals) — the stage prior is looked up by this name */
  stage?: string;
  product?: string;
  /** industry / sector / segment of the account */
  segment?: string;
  /** account size band (small, mid, big, or an employee band) */
  size?: string;
  source?: string;
  /** named competitors, or ['yes'] / ['unknown'] when only presence is known; [] = none */
  competitors?: string[];
  /** qualification facts: authority, budget, need, timeline, champion... (value as text) */
  qualification?: Record<string, string>;
  /** the seller who owns the deal */
  owner?: string;
  /** team, manager or office of the owner */
  team?: string;
  /** any other categorical facts known at scoring time (deal type, client new/current, region...) */
  attributes?: Record<string, string>;
  /** days since the deal entered its current stage, as of scoring time */
  daysInStage?: number;
  /** days since the last logged touch (email, call, meeting) with the deal's contacts */
  daysSinceLastTouch?: number;
}

/** A closed deal of the org's history: its facts, the stages it went through and how it ended. */
export interface ClosedDeal extends DealFacts {
  id: string;
  won: boolean;
  /** open stages the deal reached, in order; defaults to [stage] when absent */
  stagesReached?: string[];
  /** days the deal spent in each open stage it went through */
  daysInStages?: Record<string, number>;
  /** when it closed: with it, the inner folds of the fit are periods of time (fit.ts) */
  closedAt?: Date;
}

/** lowercase camelCase of a phrase: 'Product A' -> 'productA', 'GTX Plus Pro' -> 'gtxPlusPro' */
const tokenCache = new Map<string, string>(); // the same few hundred values recur across thousands of deals

export function compactToken(text: string): string {
  const cached = tokenCache.get(text);
  if (cached !== undefined) return cached;
  if (tokenCache.size > 50_000) tokenCache.clear();
  const words = text
    .normalize('NFKD')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const token = words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  tokenCache.set(text, token);
  return token;
}

// Fitting reads each deal's facts many times (folds, penalties, searches); deals are treated as
// immutable values, so the list is computed once per object.
const factsCache = new WeakMap<DealFacts, Array<[string, string]>>();

/**
 * Categorical facts as `key=value` features, the same list for the profile text and the one-hot
 * columns of the regression. Values are normalised (case, spacing) so 'GTX Pro' and 'GTXPro' meet.
 */
export function dealFacts(deal: DealFacts): Array<[key: string, value: string]> {
  const cached = factsCache.get(deal);
  if (cached) return cached;
  const facts: Array<[string, string]> = [];
  const add = (key: string, value: string | undefined) => {
    if (value === undefined || value.trim() === '') return;
    facts.push([key, compactToken(value)]);
  };
  add('product', deal.product);
  add('segment', deal.segment);
  add('size', deal.size);
  add('source', deal.source);
  if (deal.competitors) {
    if (deal.competitors.length === 0) add('competitor', 'none');
    for (const competitor of [...deal.competitors].sort()) add('competitor', competitor);
  }
  for (const [key, value] of Object.entries(deal.qualification ?? {}).sort()) add(compactToken(key), value);
  add('owner', deal.owner);
  add('team', deal.team);
  for (const [key, value] of Object.entries(deal.attributes ?? {}).sort()) add(compactToken(key), value);
  factsCache.set(deal, facts);
  return facts;
}

/**
 * The text a deal is embedded from, for "similar past deals" search. One line per fact, each
 * value written as a single key-prefixed token ('budgetYes', 'ownerSeller1'): a lexical embedder
 * then matches a field and its value together instead of every 'yes' matching every other 'yes'
 * (measured on the Salvirt deals: nearest-neighbour AUC 0.81 this way vs 0.78 with 'budget: yes'),
 * and a semantic embedder still reads the words. Stage and time-varying numbers are left out on
 * purpose: similarity is about what the deal is, the stage and aging enter the model separately.
 */
export function dealProfileText(deal: DealFacts): string {
  return dealFacts(deal)
    .map(([key, value]) => `${key}: ${key}${value.charAt(0).toUpperCase()}${value.slice(1)}`)
    .join('\n');
}
