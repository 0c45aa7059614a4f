import type { CloseObservationRow } from '../../../db/repos/forecast.ts';
import type { DealTimelines } from '../../../db/repos/forecast-history.ts';
import type { StageOutcomeCounts } from '../../../db/repos/pipeline.ts';
import type { OpportunityStage } from '../../../core/domain.ts';
import { describeConversion, fitConversion, type ConversionModel } from './calibration.ts';
import { describeCloseDateModel, fitCloseDateModel, type CloseDateModel } from './close-dates.ts';
import { storedProbability } from './probability.ts';

// Fits the close-date treatment a forecast asks for, from history before `asOf`: the slip distribution
// always (it is also the fallback), and the calibration when asked for and there is enough history.
// The calibration weighs past pipeline with the probability it had on record (else its stage's win rate),
// whatever probability source the forecast itself uses.

export interface Timing {
  closeModel: CloseDateModel;
  conversion?: ConversionModel;
  note: { method: 'calibrated' | 'slips'; source: 'history' | 'none'; observations: number; note: string };
}

export interface TimingInput {
  method: 'calibrated' | 'slips';
  asOf: Date;
  period: { start: Date; end: Date };
  currency: string;
  observations: readonly CloseObservationRow[];
  /** needed for 'calibrated' */
  timelines?: DealTimelines;
  winRates: ReadonlyMap<OpportunityStage, StageOutcomeCounts>;
}

export function fitTiming(input: TimingInput): Timing {
  const closeModel = fitCloseDateModel(
    input.observations.map((o) => ({ at: o.at.getTime(), expected: Date.parse(`${o.expectedCloseDate}T00:00:00Z`), closedAt: o.closedAt.getTime() })),
  );
  const slips = { method: 'slips' as const, source: closeModel.source, observations: closeModel.observations, note: describeCloseDateModel(closeModel) };
  const asOf = input.asOf.getTime();
  const from = Math.max(input.period.start.getTime(), asOf);
  const to = input.period.end.getTime();
  if (input.method === 'slips' || !input.timelines || to <= from) return { closeModel, note: slips };
  const conversion = fitConversion({
    timelines: input.timelines,
    cutoff: asOf,
    window: { a: from - asOf, b: to - asOf },
    currency: input.currency,
    probabilityOf: (state) => storedProbability(state, input.winRates).p,
  });
  if (conversion.source === 'none') return { closeModel, note: { ...slips, note: `${describeConversion(conversion)}; fell back to slips: ${slips.note}` } };
  return {
    closeModel,
    conversion,
    note: { method: 'calibrated', source: 'history', observations: conversion.pooled.states, note: describeConversion(conversion) },
  };
}
