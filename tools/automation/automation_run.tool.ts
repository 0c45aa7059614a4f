import { z } from 'zod';
import { isoDateTime } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { runRules, type RuleReport } from './automation-engine.ts';
import { RULE_KEYS, RULES } from './rules.ts';

const SHOWN = 20;

const recordRef = z.object({ kind: z.enum(['lead', 'opportunity', 'task']).describe('record kind'), id: z.string().describe('record id'), name: z.string().describe('record name') }).describe('the record the rule fired for');
const runItem = z.object({
  taskId: z.string().describe('the task created, reminded or escalated'),
  title: z.string().describe('its title'),
  ownerId: z.string().describe('who holds it'),
  dueAt: isoDateTime.nullable().describe('when it is due'),
  record: recordRef,
  why: z.string().describe('why the rule fired'),
}).describe('one thing the run did');

const trim = (r: RuleReport) => ({
  rule: r.rule,
  description: r.description,
  found: r.found,
  counts: { created: r.created.length, reminded: r.reminded.length, escalated: r.escalated.length, unchanged: r.unchanged, skipped: r.skipped.length },
  created: r.created.slice(0, SHOWN),
  reminded: r.reminded.slice(0, SHOWN),
  escalated: r.escalated.slice(0, SHOWN),
  skipped: r.skipped.slice(0, SHOWN),
});

export const automationRun = defineTool({
  name: 'automation_run',
  description:
    `Apply the automation rules to the records you can see (a rep: their own; a manager: the team; admin: all) and report, per rule, what was created and why: ${RULE_KEYS.map((k) => `${k} (${RULES[k].description})`).join('; ')}. Idempotent: running it again creates nothing new. dryRun shows what it would do.`,
  input: z.object({
    rules: z.array(z.enum(RULE_KEYS)).min(1).optional().describe(`only these rules (default all): ${RULE_KEYS.join(', ')}`),
  }),
  output: z.object({
    asOf: isoDateTime.describe('the instant the rules judged against'),
    totals: z.object({
      created: z.number().int().describe('tasks created'),
      reminded: z.number().int().describe('reminders marked'),
      escalated: z.number().int().describe('escalations created'),
      unchanged: z.number().int().describe('already handled by an earlier run'),
      skipped: z.number().int().describe('not acted on, with a reason'),
    }).describe('over all rules'),
    rules: z.array(z.object({
      rule: z.enum(RULE_KEYS).describe('the rule'),
      description: z.string().describe('what it does'),
      found: z.number().int().describe('records it fired for'),
      counts: z.object({
        created: z.number().int().describe('tasks created'), reminded: z.number().int().describe('reminders'), escalated: z.number().int().describe('escalations'),
        unchanged: z.number().int().describe('already done'), skipped: z.number().int().describe('skipped'),
      }).describe('what it did'),
      created: z.array(runItem).describe(`tasks created (first ${SHOWN})`),
      reminded: z.array(runItem).describe(`reminders marked (first ${SHOWN})`),
      escalated: z.array(runItem).describe(`escalation tasks created for managers (first ${SHOWN})`),
      skipped: z.array(z.object({ record: recordRef, why: z.string().describe('why nothing was done') }).describe('a skipped record')).describe(`first ${SHOWN} skipped`),
    }).describe('one rule\'s report')).describe('per rule'),
  }),
  annotations: { title: 'Run automation rules', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const reports = await runRules(ctx, input.rules ?? RULE_KEYS);
    const sum = (f: (r: RuleReport) => number) => reports.reduce((s, r) => s + f(r), 0);
    return {
      asOf: ctx.now.toISOString(),
      totals: {
        created: sum((r) => r.created.length), reminded: sum((r) => r.reminded.length), escalated: sum((r) => r.escalated.length),
        unchanged: sum((r) => r.unchanged), skipped: sum((r) => r.skipped.length),
      },
      rules: reports.map(trim),
    };
  },
  audit: (input, output) => ({
    action: 'automation.ran',
    changes: {
      rules: input.rules ?? RULE_KEYS,
      totals: output.totals,
      created: output.rules.flatMap((r) => r.created.map((c) => c.taskId)),
      escalated: output.rules.flatMap((r) => r.escalated.map((c) => c.taskId)),
      reminded: output.rules.flatMap((r) => r.reminded.map((c) => c.taskId)),
    },
  }),
});
