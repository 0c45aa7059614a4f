import type { ObjectionType } from '../../../core/domain.ts';
import type { ObjectionFollowUp } from '../../../db/repos/objection-outcomes.ts';
import { APPROACHES, classifyResponse, type ApproachId } from './approaches.ts';

// Ranks the answers to one objection type by how often each, when tried before, was followed by a
// positive outcome. Ranked by (positive + 1) / (tried + 2) (Laplace), so one lucky try does not beat
// a long record; the textbook answers for the type come before others on a tie.

export const POSITIVE_OUTCOMES = new Set(['next_steps_agreed', 'meeting_booked', 'won', 'closed_won']);

export interface RankedApproach {
  approach: ApproachId;
  tried: number;
  positive: number;
  /** positive / tried, 0-100 with one decimal; null when never tried */
  positiveRate: number | null;
  textbook: boolean;
}

export const isPositive = (f: Pick<ObjectionFollowUp, 'outcomeSentiment' | 'outcome'>): boolean =>
  f.outcomeSentiment === 'positive' || (f.outcome !== null && POSITIVE_OUTCOMES.has(f.outcome));

export function rankApproaches(type: ObjectionType, followUps: readonly ObjectionFollowUp[]): RankedApproach[] {
  const counts = new Map<ApproachId, { tried: number; positive: number }>();
  for (const f of followUps) {
    if (f.type !== type) continue;
    const id = classifyResponse(f.responseText);
    const c = counts.get(id) ?? { tried: 0, positive: 0 };
    c.tried += 1;
    if (isPositive(f)) c.positive += 1;
    counts.set(id, c);
  }
  const ranked = APPROACHES.filter((a) => a.fits.includes(type) || counts.has(a.id)).map((a) => {
    const c = counts.get(a.id) ?? { tried: 0, positive: 0 };
    return { approach: a.id, tried: c.tried, positive: c.positive, positiveRate: c.tried === 0 ? null : Math.round((1000 * c.positive) / c.tried) / 10, textbook: a.fits.includes(type) };
  });
  const smoothed = (r: RankedApproach) => (r.positive + 1) / (r.tried + 2);
  return ranked.sort((a, b) => smoothed(b) - smoothed(a) || Number(b.textbook) - Number(a.textbook) || b.tried - a.tried || a.approach.localeCompare(b.approach));
}
