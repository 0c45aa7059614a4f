import type { RepCandidate } from '../../db/repos/lead-assign.ts';
import type { CandidateScore } from './assign-score.ts';

// Round robin: the eligible reps in a stable order (name, then id) take turns. Eligible = the reps with
// the best territory match when anyone matches at all, else every candidate. The pointer (the last rep
// and lead assigned) lives in store_meta under ROUND_ROBIN_KEY, one per pool (a manager's team, or 'all'
// for admins), so runs continue where the last one stopped. Assigning the same lead again while it still
// sits with the rep the rotation gave it to changes nothing and does not advance the pointer.

export const ROUND_ROBIN_KEY = 'lead_assign_round_robin';

export interface PoolPointer {
  lastUserId: string;
  /** sort key of the last rep: name|id, so the rotation continues even if the pool changed */
  lastKey: string;
  lastLeadId: string;
}

export type RoundRobinState = Record<string, PoolPointer>;

const keyOf = (rep: RepCandidate) => `${rep.fullName}|${rep.userId}`;

export function eligibleForRotation(scored: readonly CandidateScore[]): CandidateScore[] {
  const best = Math.max(0, ...scored.map((c) => c.components.territory.value));
  const pool = best > 0 ? scored.filter((c) => c.components.territory.value === best) : [...scored];
  return pool.sort((a, b) => (keyOf(a.rep) < keyOf(b.rep) ? -1 : keyOf(a.rep) > keyOf(b.rep) ? 1 : 0));
}

/** The rep whose turn it is, and the one after them. */
export function nextInRotation(
  eligible: readonly CandidateScore[],
  pointer: PoolPointer | undefined,
  lead: { id: string; ownerId: string | null },
): { chosen: CandidateScore; after: CandidateScore | undefined; repeat: boolean } {
  if (eligible.length === 0) throw new Error('rotation needs at least one eligible rep');
  const at = (i: number) => eligible[i % eligible.length]!;
  if (pointer && pointer.lastLeadId === lead.id && pointer.lastUserId === lead.ownerId) {
    const index = eligible.findIndex((c) => c.rep.userId === pointer.lastUserId);
    if (index >= 0) return { chosen: at(index), after: eligible.length > 1 ? at(index + 1) : undefined, repeat: true };
  }
  const start = pointer ? eligible.findIndex((c) => keyOf(c.rep) > pointer.lastKey) : 0;
  const index = start < 0 ? 0 : start;
  return { chosen: at(index), after: eligible.length > 1 ? at(index + 1) : undefined, repeat: false };
}

export function pointerFor(chosen: CandidateScore, leadId: string): PoolPointer {
  return { lastUserId: chosen.rep.userId, lastKey: keyOf(chosen.rep), lastLeadId: leadId };
}
