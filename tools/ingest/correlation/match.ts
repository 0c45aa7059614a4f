import type { DealKeyRow } from '../../../db/repos/correlation.ts';
import { liveIo } from './io.ts';
import { mentionedParts } from './mentions.ts';
import { extractDealTags, normaliseTag, tagFamily } from './tags.ts';
import type { Candidate, CorrelationContext, Fragment } from './types.ts';

// Which deal a fragment is about. Every key the fragment carries is looked up (inside the caller's scope)
// and each deal found scores points:
//   same id in another system (externalIds)           +10  (decisive)
//   a shared deal tag (RFQ-1234, PO-5678...)           +6 each
//   the deal already carries another tag of a family
//   the fragment names (RFQ-1 vs RFQ-2: another deal)  -6 per family
//   same thread as a fragment merged into the deal     +6
//   the deal's exact name stated                       +3
//   shared external participants (deal contacts)       +2 each, at most +4   (open deals only)
//   same account                                       +1                    (open deals only)
//   a part of the deal's name in the subject or body   +1  (a deal found by the keys above; mentions.ts)
// The best deal is merged into when it scores >= MERGE_THRESHOLD and strictly more than the runner-up; a
// tie at the top merges nothing and records the candidates. One participant at the account (2 + 1) is
// enough; an account alone (1) or a participant alone (2) is not. A contact on two deals at the account is
// a tie (3 each) unless the mail names one of them ("Insight Analytics pricing": 4).

export const MERGE_THRESHOLD = 3;
const POINTS = { system: 10, tag: 6, clash: -6, thread: 6, name: 3, participant: 2, participantCap: 4, account: 1, mention: 1 };

export interface FragmentKeys {
  tags: string[];
  systemIds: Record<string, string>;
  threadKey: string | null;
  name: string | null;
  leadIds: string[];
  userIds: string[];
  accountId: string | null;
  /** title and text, lower case (searched for deal names) */
  text: string;
}

/** text searched for deal names: enough for a subject and the body's opening */
const MENTION_CHARS = 20_000;

/** The keys a fragment can be matched on: tags from its text and the handler, participants, account. */
export function fragmentKeys(fragment: Fragment): FragmentKeys {
  const tags = [...new Set([...extractDealTags(`${fragment.title ?? ''}\n${fragment.text ?? ''}`), ...(fragment.tags ?? []).map(normaliseTag)])];
  const people = fragment.participants ?? [];
  const leadIds = [...new Set(people.flatMap((p) => (p.kind === 'lead' && p.id ? [p.id] : [])))];
  const userIds = [...new Set(people.flatMap((p) => (p.kind === 'user' && p.id ? [p.id] : [])))];
  return {
    tags,
    systemIds: { ...(fragment.externalIds ?? {}) },
    threadKey: fragment.threadKey ?? null,
    name: fragment.opportunityName?.trim() || null,
    leadIds,
    userIds,
    accountId: fragment.accountId ?? mostCommon(people.flatMap((p) => (p.kind !== 'user' && p.accountId ? [p.accountId] : []))),
    text: `${fragment.title ?? ''}\n${fragment.text ?? ''}`.slice(0, MENTION_CHARS).toLowerCase(),
  };
}

function mostCommon(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = v;
  return best;
}

export const tagKey = (tag: string) => `tag:${tag}`;

interface Tally {
  deal: DealKeyRow;
  score: number;
  matchedBy: string[];
}

export interface CandidateSearch {
  /** best first; ties broken by deal id so the order is stable */
  candidates: (Candidate & { deal: DealKeyRow })[];
  /** a tag or system id matched a deal outside the caller's scope (and none inside it) */
  hiddenExists: boolean;
}

export async function findCandidates(ctx: CorrelationContext, sourceItemId: string, keys: FragmentKeys): Promise<CandidateSearch> {
  const tallies = new Map<string, Tally>();
  const add = (deal: DealKeyRow, points: number, why: string) => {
    const t = tallies.get(deal.id) ?? { deal, score: 0, matchedBy: [] };
    t.score += points;
    t.matchedBy.push(why);
    tallies.set(deal.id, t);
  };

  const io = ctx.io ?? liveIo(ctx.tx, ctx.scope);
  const byKeys = await io.byKeys(keys.tags.map(tagKey), keys.systemIds);
  for (const deal of byKeys.visible) {
    for (const [system, id] of Object.entries(keys.systemIds)) if (deal.externalIds[system] === id) add(deal, POINTS.system, `${system}:${id}`);
    for (const tag of keys.tags) if (deal.externalIds[tagKey(tag)] !== undefined) add(deal, POINTS.tag, tagKey(tag));
  }
  if (keys.threadKey) for (const deal of await io.ofThread(keys.threadKey, sourceItemId)) add(deal, POINTS.thread, 'thread');
  if (keys.name) for (const deal of await io.byName(keys.name, keys.accountId)) add(deal, POINTS.name, 'name');
  for (const deal of await io.ofContacts(keys.leadIds)) {
    add(deal, Math.min(POINTS.participantCap, POINTS.participant * deal.shared), `participants:${deal.shared}`);
  }
  if (keys.accountId) for (const deal of await io.atAccount(keys.accountId)) add(deal, POINTS.account, 'account');

  const found = [...tallies.values()];
  mentionedParts(keys.text, found.map((t) => t.deal.name)).forEach((part, i) => {
    if (part === undefined) return;
    found[i]!.score += POINTS.mention;
    found[i]!.matchedBy.push(`mentions:${part}`);
  });

  // another id of the same family on the deal: RFQ-1 and RFQ-2 are different requests
  const families = new Set(keys.tags.map(tagFamily).filter((f): f is string => f !== undefined));
  for (const t of tallies.values()) {
    const dealTags = Object.keys(t.deal.externalIds).filter((k) => k.startsWith('tag:')).map((k) => k.slice(4));
    for (const family of families) {
      const theirs = dealTags.filter((tag) => tagFamily(tag) === family);
      if (theirs.length > 0 && !theirs.some((tag) => keys.tags.includes(tag))) {
        t.score += POINTS.clash;
        t.matchedBy.push(`other-${family}:${theirs[0]}`);
      }
    }
  }

  const candidates = [...tallies.values()]
    .map((t) => ({ opportunityId: t.deal.id, name: t.deal.name, score: t.score, matchedBy: t.matchedBy, deal: t.deal }))
    .sort((a, b) => b.score - a.score || a.opportunityId.localeCompare(b.opportunityId));
  return { candidates, hiddenExists: byKeys.hiddenExists };
}
