import type { LeadSignalRow, ScoringReference } from '../../db/repos/lead-signals.ts';
import { insertScoreHistory, scoreHistoryAround, setLeadScore } from '../../db/repos/lead-scores.ts';
import type { ToolContext } from '../core/context.ts';
import { pct } from '../core/schemas.ts';
import {
  DEFAULT_PART_WEIGHTS,
  LEAD_SCORE_PARTS,
  scoreChange,
  scoreLead,
  type LeadFeature,
  type LeadGrade,
  type LeadScoreModel,
  type LeadScorePart,
  type PartWeights,
} from './lead-score-model.ts';
import { leadFeaturesOf } from './score-features.ts';

// Scores one lead and records it: leads.score/grade/engagementScore and a score_history row.
// A re-run at the same instant that would write an identical row writes nothing.

export interface ScoredLead {
  leadId: string;
  score: number;
  grade: LeadGrade;
  probability: number;
  parts: { part: LeadScorePart; score: number; contribution: number; weight: number; reasons: string[] }[];
  change: {
    previousScore: number | null;
    previousGrade: string | null;
    previousAt: string | null;
    delta: number | null;
    direction: 'up' | 'down' | 'same' | 'new';
    gradeChanged: boolean;
    partDeltas: Record<LeadScorePart, number> | null;
  };
  features: { part: LeadScorePart; name: string; value: number | string | boolean | null }[];
  recorded: boolean;
}

export function effectiveWeights(weights: PartWeights | undefined): Record<LeadScorePart, number> {
  return Object.fromEntries(LEAD_SCORE_PARTS.map((p) => [p, weights?.[p] ?? DEFAULT_PART_WEIGHTS[p]])) as Record<LeadScorePart, number>;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
// jsonb does not keep key order, so compare part by part
const samePerPart = (a: Partial<Record<LeadScorePart, number>>, b: Record<LeadScorePart, number>) => LEAD_SCORE_PARTS.every((p) => a[p] === b[p]);

export async function scoreAndRecord(
  ctx: ToolContext,
  row: LeadSignalRow,
  reference: ScoringReference,
  model: LeadScoreModel,
  weights: Record<LeadScorePart, number>,
): Promise<ScoredLead> {
  const features: LeadFeature[] = leadFeaturesOf(row, reference);
  const result = scoreLead(features, model, weights);
  const { previous, sameInstant } = await scoreHistoryAround(ctx.db, ctx.scope, row.leadId, ctx.now);
  const change = scoreChange(previous ? { score: previous.score, grade: previous.grade as LeadGrade } : undefined, result);

  const identical =
    sameInstant !== undefined &&
    sameInstant.score === result.score &&
    sameInstant.grade === result.grade &&
    samePerPart(sameInstant.parts, result.parts) &&
    samePerPart(sameInstant.weights, weights);
  if (!identical) {
    await insertScoreHistory(ctx.db, {
      leadId: row.leadId,
      score: result.score,
      grade: result.grade,
      parts: result.parts,
      reasons: result.reasons,
      weights,
      computedAt: ctx.now,
    });
  }
  await setLeadScore(ctx.db, ctx.scope, row.leadId, { score: result.score, grade: result.grade, engagementScore: result.parts.engagement });

  return {
    leadId: row.leadId,
    score: result.score,
    grade: result.grade,
    probability: pct(100 * result.probability),
    parts: LEAD_SCORE_PARTS.map((part) => ({
      part,
      score: result.parts[part],
      contribution: round3(result.contributions[part]),
      weight: weights[part],
      reasons: result.reasons[part],
    })),
    change: {
      previousScore: previous?.score ?? null,
      previousGrade: previous?.grade ?? null,
      previousAt: previous?.computedAt.toISOString() ?? null,
      delta: change.delta,
      direction: change.direction,
      gradeChanged: change.gradeChanged,
      partDeltas: previous
        ? (Object.fromEntries(LEAD_SCORE_PARTS.map((p) => [p, result.parts[p] - (previous.parts[p] ?? 0)])) as Record<LeadScorePart, number>)
        : null,
    },
    features: features.map((f) => ({ part: f.part, name: f.name, value: f.value ?? null })),
    recorded: !identical,
  };
}
