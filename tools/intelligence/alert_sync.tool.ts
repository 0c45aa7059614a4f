import { z } from 'zod';
import { isoDateTime } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { syncRiskAlerts } from './alert-sync.ts';

const MAX_LISTED = 100;

const count = (what: string) => z.number().int().describe(what);

export const alertSync = defineTool({
  name: 'alert_sync',
  description:
    'Run the risk scan (default thresholds) over the deals and leads you may change and store its findings as alerts: one alert per record ' +
    '(key risk:<recordType>:<id>) listing all its signals. A finding seen again updates its alert (first seen kept, last seen = now, reopened if it ' +
    'was resolved); an open risk alert that no longer fires is resolved. Idempotent: a second run at the same moment changes nothing.',
  input: z.object({}),
  output: z.object({
    asOf: isoDateTime.describe('the instant of the scan'),
    found: count('records at risk found by the scan'),
    counts: z
      .object({
        created: count('new alerts'),
        updated: count('alerts whose signals, severity or details changed'),
        reopened: count('resolved alerts that fire again'),
        refreshed: count('alerts seen again unchanged (last seen moved to now)'),
        unchanged: count('alerts already up to date'),
        resolved: count('open alerts that no longer fire, now resolved'),
      })
      .describe('what the sync did, per kind of change'),
    alerts: z
      .array(
        z
          .object({
            dedupeKey: z.string().describe('risk:<recordType>:<id>'),
            alertId: z.string().describe('the stored alert'),
            severity: z.enum(['low', 'medium', 'high']).describe('severity now'),
            change: z.enum(['created', 'updated', 'reopened', 'refreshed', 'unchanged', 'resolved']).describe('what this run did to it'),
          })
          .describe('one alert touched or checked'),
      )
      .describe(`the alerts, by key (at most ${MAX_LISTED}; see counts for all)`),
    truncated: z.boolean().describe('true when more alerts were synced than listed'),
  }),
  annotations: { title: 'Sync risk alerts', readOnlyHint: false, destructiveHint: false, idempotentHint: true, approval: 'none' },
  // a rep syncs the alerts of their own records, a manager the team's, an admin everyone's
  minRole: 'rep',
  async execute(_input, ctx) {
    const { found, entries } = await syncRiskAlerts(ctx);
    const n = (change: string) => entries.filter((e) => e.change === change).length;
    return {
      asOf: ctx.now.toISOString(),
      found,
      counts: { created: n('created'), updated: n('updated'), reopened: n('reopened'), refreshed: n('refreshed'), unchanged: n('unchanged'), resolved: n('resolved') },
      alerts: entries.slice(0, MAX_LISTED),
      truncated: entries.length > MAX_LISTED,
    };
  },
  audit: (_input, output) => ({
    action: 'alerts.synced',
    changes: {
      ...output.counts,
      changed: output.alerts.filter((a) => !['unchanged', 'refreshed'].includes(a.change)).map((a) => ({ key: a.dedupeKey, change: a.change })),
    },
  }),
});
