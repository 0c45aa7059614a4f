import { z } from 'zod';
import { defineTool } from '../registry.ts';
import { runForecast } from './forecast/run.ts';
import { forecastInput, forecastOutput } from './forecast/schema.ts';

export const forecastTool = defineTool({
  name: 'forecast',
  description:
    'Revenue forecast for a month or quarter, in total or per rep or product, over the deals you can see: won so far in the period, commit (open deals in the commit category expected to close in it), probability-weighted pipeline, and a seeded Monte Carlo giving worst case (P10), most likely (P50) and best case (P90) with the 80% interval, plus the deals contributing most. In the simulation each open deal is won inside the period with its probability times a factor learned from how similar pipeline (by where its expected close date sat) actually turned into revenue in past windows of the same length, deals sharing the common month-to-month swing history shows (closeDates: calibrated, the default); or with its close date drawn from how expected dates slipped on past won deals (closeDates: slips). Open deals with no expected close date (common in CRM exports) are won inside the period with the share of past deals of the same age won within an equal window; revenue from deals not yet created is added from what was created and won inside the last three equal windows; the notes say what was estimated and how, with counts and amounts. Read-only; forecast_snapshot stores the same numbers for forecast_accuracy.',
  input: z.object(forecastInput),
  output: forecastOutput,
  annotations: { title: 'Forecast', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    return (await runForecast(input, ctx)).output;
  },
});
