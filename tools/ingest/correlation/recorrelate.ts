import { performance } from 'node:perf_hooks';
import type { Executor } from '../../../db/client.ts';
import { countPendingCorrelations, existingDealKeys, pendingCorrelationIds, pendingCorrelationsByIds, type PendingRow } from '../../../db/repos/correlation-pending.ts';
import { leadsByEmails } from '../../../db/repos/ingest-participants.ts';
import type { Actor, Scope } from '../../../db/repos/scope.ts';
import { BatchCorrelation } from './batch.ts';
import { correlateFragment } from './correlate.ts';
import { describesNewDeal } from './create.ts';
import { fragmentKeys, tagKey } from './match.ts';
import { fragmentOf, type PendingFragment } from './pending.ts';
import type { CorrelationResult, Fragment, FragmentParticipant } from './types.ts';

// Late correlation: fragments that matched no deal, or several, are tried again once the deals, contacts or
// accounts they were waiting for may exist: after every import that stored something (core/run.ts), and for
// a whole store with `npm run ingest -- recorrelate`. Each page of pending items (oldest source first, so
// values are weighed in the order the sources were written; precedence itself goes by the sources' own
// dates) is one transaction with one BatchCorrelation: the same matching, precedence and conflict records as
// the first attempt. Participants the first attempt did not know (an address with no lead yet) are looked up
// again: a CRM import that adds the contact places the mail that contact sent.
// An item whose answer did not change is not rewritten.

export const RECORRELATE_PAGE = 500;

export interface RecorrelateReport {
  considered: number;
  /** items placed this time, by their new result */
  placed: Record<Extract<CorrelationResult, 'merged' | 'created' | 'hidden'>, number>;
  /** still pending (unmatched or ambiguous) */
  pending: number;
  conflicts: number;
  ms: number;
}

export interface RecorrelateContext {
  scope: Scope;
  actor: Actor | undefined;
  now: Date;
  /** monotonic milliseconds for the report (default performance.now) */
  timer?: () => number;
}

/** Participants whose address was unknown, matched again against the leads that exist now. */
async function refreshParticipants(tx: Executor, scope: Scope, fragments: Fragment[]): Promise<Fragment[]> {
  const unknown = fragments.flatMap((f) => (f.participants ?? []).filter((p) => p.kind === 'unknown' && p.email.includes('@')).map((p) => p.email));
  if (unknown.length === 0) return fragments;
  const found = await leadsByEmails(tx, scope, unknown);
  const again = (p: FragmentParticipant): FragmentParticipant => {
    if (p.kind !== 'unknown') return p;
    const lead = found.visible.get(p.email.toLowerCase());
    if (lead) return { kind: 'lead', email: p.email, id: lead.id, accountId: lead.accountId };
    return found.hidden.has(p.email.toLowerCase()) ? { kind: 'hidden', email: p.email } : p;
  };
  return fragments.map((f) => (f.participants ? { ...f, participants: f.participants.map(again) } : f));
}

const idsOf = (candidates: unknown): string[] => (Array.isArray(candidates) ? candidates.map((c) => String((c as { opportunityId: unknown }).opportunityId)).sort() : []);

async function retryPage(tx: Executor, ctx: RecorrelateContext, page: PendingRow[], report: RecorrelateReport): Promise<void> {
  const fragments = await refreshParticipants(tx, ctx.scope, page.map((r) => fragmentOf(r.pending as unknown as PendingFragment)));
  const io = await BatchCorrelation.load(tx, ctx.scope, fragments);
  const before = new Map(page.map((r) => [r.sourceItemId, r]));
  io.unchanged = (id, c) => {
    const was = before.get(id);
    return was !== undefined && was.result === c.result && idsOf(c.candidates).join() === was.candidateIds.join();
  };
  const cctx = { tx, scope: ctx.scope, actor: ctx.actor, now: ctx.now, io };
  const keys = fragments.map(fragmentKeys);
  const known = await existingDealKeys(tx, [...new Set(keys.flatMap((k) => k.tags.map(tagKey)))]);
  for (const [i, fragment] of fragments.entries()) {
    // an unmatched item none of whose keys reaches a deal yet, and which cannot open one, would be
    // unmatched again: the same answer without its lookups (the bulk of a store's pending items)
    const k = keys[i]!;
    const reachable = Object.keys(k.systemIds).length > 0 || k.name !== null || k.tags.some((t) => known.has(tagKey(t)))
      || (k.threadKey !== null && (await io.ofThread(k.threadKey)).length > 0) || (await io.ofContacts(k.leadIds)).length > 0 || (k.accountId !== null && describesNewDeal(k));
    if (page[i]!.result === 'unmatched' && !reachable) {
      report.considered++;
      report.pending++;
      continue;
    }
    const outcome = await correlateFragment(cctx, fragment);
    report.considered++;
    report.conflicts += outcome.conflicts.length;
    if (outcome.result === 'unmatched' || outcome.result === 'ambiguous') report.pending++;
    else report.placed[outcome.result]++;
  }
  await io.flush();
}

/** Tries every pending item again (inside the caller's scope); each page commits on its own. */
export async function recorrelatePending(db: Executor, ctx: RecorrelateContext): Promise<RecorrelateReport> {
  const timer = ctx.timer ?? (() => performance.now());
  const started = timer();
  const report: RecorrelateReport = { considered: 0, placed: { merged: 0, created: 0, hidden: 0 }, pending: 0, conflicts: 0, ms: 0 };
  const ids = await pendingCorrelationIds(db);
  for (let i = 0; i < ids.length; i += RECORRELATE_PAGE) {
    const page = await pendingCorrelationsByIds(db, ids.slice(i, i + RECORRELATE_PAGE));
    if (page.length > 0) await db.transaction((tx) => retryPage(tx, ctx, page, report));
  }
  report.ms = Math.round(timer() - started);
  return report;
}

export { countPendingCorrelations };
