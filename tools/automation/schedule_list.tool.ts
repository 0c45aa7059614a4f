import { z } from 'zod';
import { listSchedules } from '../../db/repos/schedules.ts';
import { resolveUser } from '../core/resolve.ts';
import { isoDateTime } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { scheduleOutput, scheduleToOutput } from './schedule-schema.ts';

export const scheduleList = defineTool({
  name: 'schedule_list',
  description: 'List the scheduled briefings you can see (yours, your team\'s for a manager, all for execs and admins) with their cron, time zone, audience, channel and next three run times.',
  input: z.object({
    user: z.string().trim().min(1).optional().describe('only schedules for this user (id, email or name)'),
    limit: z.number().int().min(1).max(100).default(50).describe('how many to return (1-100)'),
  }),
  output: z.object({ asOf: isoDateTime.describe('next runs are computed from this instant'), schedules: z.array(scheduleOutput).describe('the schedules') }),
  annotations: { title: 'List schedules', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const audienceUserId = input.user ? (await resolveUser(ctx, input.user)).id : undefined;
    const found = await listSchedules(ctx.db, ctx.scope, ctx.actor.userId, { audienceUserId, limit: input.limit });
    return { asOf: ctx.now.toISOString(), schedules: found.map((s) => scheduleToOutput(s, ctx.now)) };
  },
});
