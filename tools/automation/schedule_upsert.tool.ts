import { z } from 'zod';
import { SCHEDULE_CHANNELS } from '../../core/domain.ts';
import { insertSchedule, scheduleByName, updateSchedule, userRole, type NewScheduleRow } from '../../db/repos/schedules.ts';
import { inScope } from '../../db/repos/scope.ts';
import { forbidden, invalidInput } from '../core/errors.ts';
import { resolveUser } from '../core/resolve.ts';
import { defineTool } from '../registry.ts';
import { checkCron, nextRuns } from './schedule-cron.ts';
import { AUDIENCES, scheduleOutput, scheduleToOutput } from './schedule-schema.ts';

// Which briefing a user may receive: a rep's for anyone, a manager's for managers and up, an exec's for execs and admins.
const AUDIENCE_ROLES: Record<(typeof AUDIENCES)[number], string[]> = { rep: ['rep', 'manager', 'exec', 'admin'], manager: ['manager', 'exec', 'admin'], exec: ['exec', 'admin'] };

export const scheduleUpsert = defineTool({
  name: 'schedule_upsert',
  description:
    'Create or change a scheduled briefing: a cron expression evaluated in an IANA time zone, the briefing audience (rep, manager or exec), whose briefing it is, and the channel to post it to (slack, teams, email, web). A bad cron or zone is refused naming the field; the answer shows the next three run times. Same name = update. The server posts it once per slot (email: an email-ready outbox row; Slack and Teams when their apps are configured).',
  input: z.object({
    cron: z.string().trim().min(9).max(100).describe('cron: minute hour day-of-month month day-of-week, e.g. "0 8 * * 1-5" = weekdays at 08:00'),
    timezone: z.string().trim().min(1).max(64).describe('IANA time zone the cron runs in, e.g. Europe/Berlin'),
    audience: z.enum(AUDIENCES).describe('which briefing: rep, manager or exec'),
    channel: z.enum(SCHEDULE_CHANNELS).describe('where to post it: slack, teams, email or web'),
    name: z.string().trim().min(3).max(120).optional().describe('a unique name; the same name updates that schedule (default "<audience> briefing for <user>")'),
    user: z.string().trim().min(1).optional().describe('whose briefing (id, email or name); default you'),
    target: z.string().trim().min(1).max(200).optional().describe('channel address: Slack channel id, Teams conversation id, email address'),
    enabled: z.boolean().optional().describe('false pauses it'),
  }),
  output: z.object({ result: z.enum(['created', 'updated', 'unchanged']).describe('what happened'), schedule: scheduleOutput }),
  annotations: { title: 'Schedule a briefing', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    checkCron(input.cron, input.timezone);
    const user = input.user ? await resolveUser(ctx, input.user) : { id: ctx.actor.userId, label: '' };
    if (user.id !== ctx.actor.userId && !inScope(ctx.scope, user.id)) throw forbidden(`You may not schedule briefings for ${user.label}`, 'schedule your own, or your team\'s (managers)');
    const who = await userRole(ctx.db, user.id);
    if (!who || !AUDIENCE_ROLES[input.audience].includes(who.role)) {
      throw invalidInput([{ field: 'audience', message: `a ${input.audience} briefing is not for a ${who?.role ?? 'unknown'} (${who?.fullName ?? user.id})` }]);
    }
    const name = input.name ?? `${input.audience} briefing for ${who.fullName}`;
    const values: NewScheduleRow = {
      name, cron: input.cron, timeZone: input.timezone, job: 'briefing', audienceUserId: user.id, audienceRole: input.audience, channel: input.channel,
      target: input.target ?? null, enabled: input.enabled ?? true, nextRunAt: new Date(nextRuns(input.cron, input.timezone, ctx.now, 1)[0]?.at ?? ctx.now),
    };
    const existing = await scheduleByName(ctx.db, name);
    if (!existing) {
      const row = await insertSchedule(ctx.db, { ...values, createdById: ctx.actor.userId, createdAt: ctx.now });
      return { result: 'created' as const, schedule: scheduleToOutput(row, ctx.now, who.fullName) };
    }
    const mine = existing.createdById === ctx.actor.userId || (existing.audienceUserId !== null && inScope(ctx.scope, existing.audienceUserId));
    if (!mine) throw forbidden(`The schedule "${name}" belongs to someone outside your scope`, 'pick another name');
    const same = (['cron', 'timeZone', 'audienceUserId', 'audienceRole', 'channel', 'target', 'enabled'] as const).every((k) => existing[k] === values[k]);
    if (same) return { result: 'unchanged' as const, schedule: scheduleToOutput(existing, ctx.now, who.fullName) };
    const row = await updateSchedule(ctx.db, existing.id, values);
    return { result: 'updated' as const, schedule: scheduleToOutput(row, ctx.now, who.fullName) };
  },
  audit: (_input, output) => ({
    action: `schedule.${output.result}`,
    recordType: 'user',
    ...(output.schedule.user ? { recordId: output.schedule.user.id } : {}),
    changes: { scheduleId: output.schedule.id, name: output.schedule.name, cron: output.schedule.cron, timezone: output.schedule.timezone, audience: output.schedule.audience, channel: output.schedule.channel },
  }),
});
