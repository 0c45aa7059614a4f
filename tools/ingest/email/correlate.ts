import type { Executor } from '../../../db/client.ts';
import type { Actor, Scope } from '../../../db/repos/scope.ts';
import { BatchCorrelation } from '../correlation/batch.ts';
import { correlateFragment, type CorrelationResult, type Fragment } from '../correlation/index.ts';

// The emails of a batch, correlated with deals once their rows are stored, in the batch's transaction and
// in mailbox order (a deal one message opens is there for the next). The batch's threads, people and
// accounts are read up front (BatchCorrelation), so a message that matches nothing costs no query; the
// outcome decides the interaction's deal (the lead's open deal is no longer guessed when correlation
// finds a tie or nothing). Run tallies are undone with their item (the slot's undo, registered in prepare).

export type CorrelationCounts = Record<CorrelationResult | 'conflicts' | 'linkedToDeal', number>;

export const newCorrelationCounts = (): CorrelationCounts => ({ merged: 0, created: 0, ambiguous: 0, unmatched: 0, hidden: 0, conflicts: 0, linkedToDeal: 0 });

/** One email's part in the run's tallies: filled by write(), undone if its batch rolls back. */
export interface CorrelationSlot {
  counted: { result: CorrelationResult; conflicts: number; linked: boolean } | null;
}

export function untally(counts: CorrelationCounts, slot: CorrelationSlot): void {
  const c = slot.counted;
  if (!c) return;
  counts[c.result]--;
  counts.conflicts -= c.conflicts;
  if (c.linked) counts.linkedToDeal--;
  slot.counted = null;
}

export interface EmailFragment {
  fragment: Fragment;
  slot: CorrelationSlot;
}

/** Follows a batch's thread re-keys (a provisional root resolved) to the key now stored. */
function rekeyed(threadKey: string | null | undefined, rekeys: ReadonlyMap<string, string>): string | null {
  let k = threadKey ?? null;
  for (let hops = 0; k !== null && rekeys.has(k) && hops < 10; hops++) k = rekeys.get(k) ?? null;
  return k;
}

export async function correlateEmails(
  tx: Executor,
  emails: readonly EmailFragment[],
  ctx: { scope: Scope; now: Date; actor: Actor | undefined; rekeys: ReadonlyMap<string, string> },
  counts: CorrelationCounts,
): Promise<void> {
  if (emails.length === 0) return;
  const fragments = emails.map((e) => ({ ...e.fragment, threadKey: rekeyed(e.fragment.threadKey, ctx.rekeys) }));
  const io = await BatchCorrelation.load(tx, ctx.scope, fragments);
  const cctx = { tx, scope: ctx.scope, actor: ctx.actor, now: ctx.now, io };
  for (const [i, fragment] of fragments.entries()) {
    const outcome = await correlateFragment(cctx, fragment);
    const slot = emails[i]!.slot;
    slot.counted = { result: outcome.result, conflicts: outcome.conflicts.length, linked: outcome.opportunityId !== null };
    counts[outcome.result]++;
    counts.conflicts += outcome.conflicts.length;
    if (outcome.opportunityId !== null) counts.linkedToDeal++;
  }
  await io.flush();
}
