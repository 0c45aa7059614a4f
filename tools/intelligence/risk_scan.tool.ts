import { z } from 'zod';
import { resolveUser } from '../core/resolve.ts';
import { isoDateTime, pageInput, pageOutput } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { scanRisks, type RiskAlert } from './risk-scan.ts';
import { alertOutput, alertToOutput } from './risk-schema.ts';
import { RISK_SIGNALS, riskThresholdsInput, SEVERITY_RANK } from './risk-thresholds.ts';

export const riskScan = defineTool({
  name: 'risk_scan',
  description:
    'Find the open deals and leads you can see that are at risk, each with the signals behind it: no contact for N days (deals and hot leads), ' +
    'no reply to the last K outbound touches, stuck in stage (longer than 80% of past stays there), win probability down over 20 points in 7 days, ' +
    'expected close date slipped over 7 days in 7 days, negative sentiment trend, customer disengaging. One alert per record listing all its signals, ' +
    'highest severity and value first. Read-only: alert_sync stores the alerts.',
  input: z.object({
    recordType: z.enum(['opportunity', 'lead']).optional().describe('only deals or only leads (default both)'),
    owner: z.string().trim().min(1).optional().describe('only records owned by this rep (id, email or name)'),
    signal: z.enum(RISK_SIGNALS).optional().describe('only records where this signal fired'),
    minSeverity: z.enum(['low', 'medium', 'high']).default('low').describe('leave out alerts below this severity'),
    thresholds: riskThresholdsInput.prefault({}),
    ...pageInput,
  }),
  output: z.object({
    asOf: isoDateTime.describe('the instant the scan judged against'),
    scanned: z
      .object({ deals: z.number().int().describe('open deals looked at'), leads: z.number().int().describe('leads looked at') })
      .describe('how many records the scan covered'),
    counts: z
      .object({
        high: z.number().int().describe('high-severity alerts'),
        medium: z.number().int().describe('medium-severity alerts'),
        low: z.number().int().describe('low-severity alerts'),
      })
      .describe('alerts per severity, after the filters'),
    alerts: z.array(alertOutput).describe('this page of alerts, highest severity then largest value first'),
    page: pageOutput,
  }),
  annotations: { title: 'Scan for risks', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const ownerId = input.owner ? (await resolveUser(ctx, input.owner)).id : undefined;
    const keep = (a: RiskAlert) =>
      SEVERITY_RANK[a.severity] >= SEVERITY_RANK[input.minSeverity] && (!input.signal || a.signals.some((s) => s.signal === input.signal));
    const pageOf = (alerts: RiskAlert[]) => alerts.filter(keep).slice(input.offset, input.offset + input.limit);
    // only the page's alerts are shown, so only they need the text of their evidence
    const { alerts, scanned } = await scanRisks(ctx, input.thresholds, { recordType: input.recordType, ownerId }, { evidenceFor: pageOf });
    const kept = alerts.filter(keep);
    const page = pageOf(alerts);
    return {
      asOf: ctx.now.toISOString(),
      scanned,
      counts: {
        high: kept.filter((a) => a.severity === 'high').length,
        medium: kept.filter((a) => a.severity === 'medium').length,
        low: kept.filter((a) => a.severity === 'low').length,
      },
      alerts: page.map(alertToOutput),
      page: { total: kept.length, limit: input.limit, offset: input.offset, hasMore: input.offset + page.length < kept.length },
    };
  },
});
