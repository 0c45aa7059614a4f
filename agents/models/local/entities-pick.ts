import type { FocusEntity, NamedEntity } from '../types.ts';
import type { Mention } from './mentions.ts';

// Which record an entity slot takes: a mention of the right kind, else "her"/"that deal" from the thread's
// focus. Several equally good records -> a question listing them, never a guess.

export type Pick = { kind: 'found'; entity: NamedEntity; mention?: Mention } | { kind: 'ambiguous'; question: string } | { kind: 'none' };

const PRONOUNS: Record<FocusEntity['kind'], RegExp> = {
  lead: /\b(her|him|his|she|he|them|they|their|this (lead|contact|person)|that (lead|contact|person)|the lead)\b/,
  opportunity: /\b(it|its|this (deal|opp|opportunity|one)|that (deal|opp|opportunity|one)|the deal|the opp|this|that)\b/,
  account: /\b(them|they|their|this (account|company|customer)|that (account|company|customer))\b/,
  user: /\b(him|her|his)\b/,
  team: /\b(that team|this team)\b/,
  product: /\b(that product|this product)\b/,
};

export function describe(e: NamedEntity): string {
  return e.detail ? `${e.name} (${e.detail})` : e.name;
}

export function question(noun: string, text: string, candidates: NamedEntity[]): string {
  const shown = candidates.slice(0, 5).map(describe);
  const more = candidates.length > 5 ? ` (and ${candidates.length - 5} more)` : '';
  const list = shown.length === 2 ? `${shown[0]} or ${shown[1]}` : `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`;
  return `Which ${noun} do you mean by "${text}": ${list}${more}?`;
}

const dealIndex = new WeakMap<readonly NamedEntity[], Map<string, NamedEntity[]>>();

export function dealsByAccount(all: readonly NamedEntity[]): Map<string, NamedEntity[]> {
  let map = dealIndex.get(all);
  if (!map) {
    map = new Map();
    for (const e of all) {
      if (e.kind !== 'opportunity') continue;
      for (const a of e.aliases ?? []) map.set(a.toLowerCase(), [...(map.get(a.toLowerCase()) ?? []), e]);
    }
    dealIndex.set(all, map);
  }
  return map;
}

/** Entities of `kind` a mention names; for deals also the deals of a named account. */
function ofKind(m: Mention, kind: FocusEntity['kind'], all: readonly NamedEntity[], productHint?: NamedEntity): NamedEntity[] {
  const direct = m.entities.filter((e) => e.kind === kind);
  if (direct.length > 0 || kind !== 'opportunity') return direct;
  const accounts = m.entities.filter((e) => e.kind === 'account');
  if (accounts.length !== 1) return [];
  let deals = dealsByAccount(all).get(accounts[0]!.name.toLowerCase()) ?? [];
  if (productHint) {
    const narrowed = deals.filter((d) => d.name.toLowerCase().includes(productHint.name.toLowerCase()));
    if (narrowed.length > 0) deals = narrowed;
  }
  // an open deal is what people mean by "the Acme deal" when the account also has closed ones
  const open = deals.filter((d) => !/closed_(won|lost)/.test(d.detail ?? ''));
  return open.length > 0 ? open : deals;
}

export const NOUN: Record<FocusEntity['kind'], string> = { lead: 'lead', opportunity: 'deal', account: 'account', user: 'rep', team: 'team', product: 'product' };

export function pickEntity(
  kind: FocusEntity['kind'],
  mentions: Mention[],
  used: Set<Mention>,
  text: string,
  focus: FocusEntity[],
  all: readonly NamedEntity[],
  options: { pronounOnly?: boolean; productHint?: NamedEntity } = {},
): Pick {
  // whole names before first or last names ("hand Tomas Stehr off": Tomas Stehr, not a lead called Hand)
  const ordered = [...mentions].sort((a, b) => (a.how === b.how ? a.start - b.start : a.how === 'full' ? -1 : 1));
  for (const m of ordered) {
    if (used.has(m)) continue;
    const candidates = ofKind(m, kind, all, options.productHint);
    if (candidates.length === 0) continue;
    used.add(m);
    if (candidates.length === 1) return { kind: 'found', entity: candidates[0]!, mention: m };
    return { kind: 'ambiguous', question: question(NOUN[kind], m.text, candidates) };
  }
  if (PRONOUNS[kind].test(text) || options.pronounOnly === false) {
    const hit = focus.find((f) => f.kind === kind) ?? (kind === 'opportunity' ? undefined : undefined);
    if (hit) return { kind: 'found', entity: hit };
    if (kind === 'opportunity') {
      const account = focus.find((f) => f.kind === 'account');
      if (account) {
        const deals = ofKind({ start: 0, end: 0, text: account.name, entities: [{ ...account }], how: 'full' }, 'opportunity', all);
        if (deals.length === 1) return { kind: 'found', entity: deals[0]! };
        if (deals.length > 1) return { kind: 'ambiguous', question: question('deal', account.name, deals) };
      }
    }
  }
  return { kind: 'none' };
}
