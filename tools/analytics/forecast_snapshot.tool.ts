import { z } from 'zod';
import { insertForecastSnapshots, snapshotRun } from '../../db/repos/forecast-snapshots.ts';
import { defineTool } from '../registry.ts';
import { runForecast } from './forecast/run.ts';
import { forecastInput, forecastOutput } from './forecast/schema.ts';
import { snapshotRows, snapshotRunId } from './forecast/snapshot.ts';

export const forecastSnapshot = defineTool({
  name: 'forecast_snapshot',
  description:
    'Runs exactly forecast\'s computation (same input, same numbers) and stores it in forecast snapshots: one row for the total and one per rep or product, under one run id, so forecast_accuracy can later compare it with what closed. Asking again with the same input at the same instant returns the stored run and writes nothing.',
  input: z.object(forecastInput),
  output: forecastOutput.extend({
    runId: z.string().describe('the snapshot run id (pass it to forecast_accuracy)'),
    created: z.boolean().describe('false when this exact run was already stored (nothing written)'),
    rows: z.number().int().describe('snapshot rows stored for the run (total + one per group)'),
  }),
  annotations: { title: 'Snapshot the forecast', readOnlyHint: false, destructiveHint: false, idempotentHint: true, approval: 'none' },
  minRole: 'rep',
  async execute(input, ctx) {
    const run = await runForecast(input, ctx);
    const runId = snapshotRunId(input, run, ctx);
    const existing = await snapshotRun(ctx.db, ctx.scope, runId);
    if (existing.length > 0) return { ...run.output, runId, created: false, rows: existing.length };
    const rows = await insertForecastSnapshots(ctx.db, snapshotRows(input, run, ctx, runId));
    return { ...run.output, runId, created: true, rows };
  },
  audit: (input, output) => ({
    action: output.created ? 'forecast.snapshot' : 'forecast.snapshot_exists',
    recordId: output.runId,
    changes: { runId: output.runId, period: output.period.label, groupBy: output.groupBy, rows: output.created ? output.rows : 0, p50: output.total.p50 },
  }),
});
