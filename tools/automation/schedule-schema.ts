import { z } from 'zod';
import { SCHEDULE_CHANNELS } from '../../core/domain.ts';
import type { ScheduleRow } from '../../db/repos/schedules.ts';
import { isoDateTime } from '../core/schemas.ts';
import { nextRuns } from './schedule-cron.ts';

export const AUDIENCES = ['rep', 'manager', 'exec'] as const;

export const scheduleOutput = z.object({
  id: z.string().describe('schedule id'),
  name: z.string().describe('its unique name'),
  cron: z.string().describe('cron expression'),
  timezone: z.string().describe('IANA zone the cron runs in'),
  audience: z.enum(AUDIENCES).nullable().describe('which briefing: rep, manager or exec'),
  user: z.object({ id: z.string().describe('user id'), name: z.string().describe('user name') }).nullable().describe('whose briefing'),
  channel: z.enum(SCHEDULE_CHANNELS).describe('where it is posted'),
  target: z.string().nullable().describe('channel address (Slack channel id, email...)'),
  enabled: z.boolean().describe('false = paused'),
  nextRuns: z.array(z.object({ at: isoDateTime.describe('UTC'), local: z.string().describe('in the schedule\'s zone') }).describe('a run')).describe('the next three run times from now'),
}).describe('a schedule');

export function scheduleToOutput(s: ScheduleRow & { audienceName?: string | null }, now: Date, userName?: string) {
  return {
    id: s.id,
    name: s.name,
    cron: s.cron,
    timezone: s.timeZone,
    audience: (s.audienceRole === 'admin' ? null : s.audienceRole) as (typeof AUDIENCES)[number] | null,
    user: s.audienceUserId ? { id: s.audienceUserId, name: userName ?? s.audienceName ?? '' } : null,
    channel: s.channel,
    target: s.target,
    enabled: s.enabled,
    nextRuns: s.enabled ? nextRuns(s.cron, s.timeZone, now) : [],
  };
}
