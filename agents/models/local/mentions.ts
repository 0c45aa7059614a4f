import type { NamedEntity } from '../types.ts';
import { normalize, prepare, words } from './text.ts';

// Finds the records a message names, against the caller's directory: full names, emails, first or last
// names, company names with or without their suffix, deal names, teams, products. Longest match first;
// person names also match with a typo (one edit) when the other half matches exactly. Never picks between
// equally good candidates: a mention keeps all of them and the slot filler asks.

export interface Mention {
  /** word positions in the normalized message, end exclusive */
  start: number;
  end: number;
  text: string;
  entities: NamedEntity[];
  /** 'full' = a whole name, email or deal name; 'partial' = a first/last name or a company's short name */
  how: 'full' | 'partial';
}

interface Hit {
  entity: NamedEntity;
  how: Mention['how'];
}

const COMPANY_SUFFIX = /\s(corporation|corp|inc|co|group|holdings|labs|ltd|llc|gmbh|plc|company)$/;
const MAX_WORDS = 8;

// Common words that are also someone's first name or a company's short name: never a mention on their own.
const COMMON = new Set(
  'will may mark bill grant rich frank jack rose faith hope joy summer dawn amber ruby pearl june april august art bob chase cash lane page reed sage stone wade west young king price rice love bell gay ray sky river miles major guy max the and for all any new top best last next this that more most our your data cloud pipeline insight analytics forecast engage connect sequences pro team teams sales deal deals lead leads account rep reps group bank media health care power works digital brands systems software ai labs studios partners retail energy'.split(' '),
);

export class EntityIndex {
  private readonly keys = new Map<string, Hit[]>();
  private readonly firstNames = new Map<string, NamedEntity[]>();
  private readonly lastNames = new Map<string, NamedEntity[]>();

  constructor(
    readonly entities: readonly NamedEntity[],
    /** words the intent examples use: a one-word name that is also one of these is not taken as a mention */
    private readonly vocabulary: ReadonlySet<string>,
  ) {
    for (const e of entities) this.add(e);
  }

  private put(key: string, hit: Hit) {
    if (!key) return;
    const list = this.keys.get(key) ?? [];
    if (!list.some((h) => h.entity.id === hit.entity.id)) list.push(hit);
    this.keys.set(key, list);
  }

  private add(e: NamedEntity) {
    const name = normalize(e.name);
    this.put(name, { entity: e, how: 'full' });
    // "Bins & Bode" typed "bins bode"
    if (name.includes(' and ') && e.kind !== 'lead' && e.kind !== 'user') this.put(name.replace(/ and /g, ' '), { entity: e, how: 'full' });
    for (const alias of e.aliases ?? []) {
      if (alias.includes('@')) this.put(alias.toLowerCase(), { entity: e, how: 'full' });
      else if (e.kind !== 'opportunity') this.put(normalize(alias), { entity: e, how: e.kind === 'lead' || e.kind === 'user' ? 'partial' : 'full' });
    }
    if (e.kind === 'lead' || e.kind === 'user') {
      const ws = words(name);
      if (ws.length >= 2) {
        const [first, last] = [ws[0]!, ws[ws.length - 1]!];
        this.put(first, { entity: e, how: 'partial' });
        this.put(last, { entity: e, how: 'partial' });
        this.firstNames.set(first, [...(this.firstNames.get(first) ?? []), e]);
        this.lastNames.set(last, [...(this.lastNames.get(last) ?? []), e]);
      }
    }
    if (e.kind === 'account') {
      const short = name.replace(COMPANY_SUFFIX, '');
      if (short !== name) this.put(short, { entity: e, how: 'partial' });
    }
    if (e.kind === 'team') this.put(`${name} team`, { entity: e, how: 'full' });
  }

  /** Every mention in the message, left to right. */
  find(message: string): Mention[] {
    const raw = message.toLowerCase();
    const ws = words(normalize(prepare(message)));
    const emails = new Map([...raw.matchAll(/[\w.+-]+@[\w.-]+\.\w+/g)].map((m) => [m[0].replace(/[.@+-]/g, '_'), m[0]]));
    const out: Mention[] = [];
    for (let i = 0; i < ws.length; ) {
      const found = this.longestAt(ws, i, emails);
      if (found) {
        out.push(found);
        i = found.end;
      } else i++;
    }
    return out;
  }

  private longestAt(ws: string[], i: number, emails: Map<string, string>): Mention | undefined {
    const email = emails.get(ws[i]!);
    if (email) {
      const hits = this.keys.get(email);
      return hits ? this.mention(i, i + 1, email, hits) : undefined;
    }
    for (let n = Math.min(MAX_WORDS, ws.length - i); n >= 1; n--) {
      const text = ws.slice(i, i + n).join(' ');
      const hits = this.keys.get(text);
      if (!hits) continue;
      // a one-word name that is also a request word is no mention, except a team's ("Mid-Market", "Enterprise")
      if (n === 1 && (COMMON.has(text) || (this.vocabulary.has(text) && !hits.every((h) => h.entity.kind === 'team')) || text.length < 3)) continue;
      return this.mention(i, i + n, text, hits);
    }
    return this.fuzzyPersonAt(ws, i);
  }

  // "dana krajcik" typed "dana krajick" or "dnaa krajcik": one half exact, the other within one or two edits
  private fuzzyPersonAt(ws: string[], i: number): Mention | undefined {
    const [a, b] = [ws[i], ws[i + 1]];
    if (!a || !b || a.length < 3 || b.length < 3 || this.vocabulary.has(b) || this.vocabulary.has(a)) return undefined;
    const near = (x: string, y: string) => editDistance(x, y, 2) <= (Math.min(x.length, y.length) >= 6 ? 2 : 1);
    const byFirst = (this.firstNames.get(a) ?? []).filter((e) => near(lastWord(e.name), b));
    const byLast = (this.lastNames.get(b) ?? []).filter((e) => near(firstWord(e.name), a));
    const entities = [...new Map([...byFirst, ...byLast].map((e) => [e.id, e])).values()];
    if (entities.length === 0) return undefined;
    return { start: i, end: i + 2, text: `${a} ${b}`, entities, how: 'full' };
  }

  private mention(start: number, end: number, text: string, hits: Hit[]): Mention {
    const full = hits.filter((h) => h.how === 'full');
    const chosen = full.length > 0 ? full : hits;
    return { start, end, text, entities: chosen.map((h) => h.entity), how: full.length > 0 ? 'full' : 'partial' };
  }
}

const firstWord = (name: string) => words(normalize(name))[0] ?? '';
const lastWord = (name: string) => words(normalize(name)).at(-1) ?? '';

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The placeholder token the classifier was trained with for a mention of this kind. */
export function maskToken(m: Mention): string {
  const kinds = new Set(m.entities.map((e) => e.kind));
  if (kinds.has('opportunity') && m.how === 'full' && !kinds.has('account')) return 'xdeal';
  if (kinds.has('product')) return 'xproduct';
  if (kinds.has('team')) return 'xteam';
  // a first name shared by a rep and a lead is more often the rep (there are few reps, and managers name them)
  if (kinds.has('user')) return 'xrep';
  if (kinds.has('lead')) return 'xlead';
  if (kinds.has('account')) return 'xaccount';
  if (kinds.has('opportunity')) return 'xdeal';
  return 'xrep';
}
