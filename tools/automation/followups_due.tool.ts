import { z } from 'zod';
import { invalidInput } from '../core/errors.ts';
import { resolveUser } from '../core/resolve.ts';
import { isoDateTime } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { followupsDue } from './followups.ts';

const ref = (what: string) => z.object({ id: z.string().describe(`${what} id`), name: z.string().describe(`${what} name`) }).nullable().describe(`the ${what}, if any`);

export const followupsDueTool = defineTool({
  name: 'followups_due',
  description:
    'The follow-ups to make next: overdue tasks, tasks due soon, and working leads gone cold with nothing planned. Each comes with a suggested moment inside business hours (9:00-17:00 by default) in the lead\'s own time zone (else the account\'s, else the owner\'s), skipping weekends and right across daylight-saving changes, at the lead\'s preferred hour when known.',
  input: z.object({
    owner: z.string().trim().min(1).optional().describe('only this rep\'s follow-ups (id, email or name); default everything you can see'),
    limit: z.number().int().min(1).max(100).default(20).describe('how many follow-ups to return (1-100)'),
    dueSoonHours: z.number().int().min(1).max(336).default(48).describe('a task due within this many hours counts as due soon'),
    coldDays: z.number().int().min(1).max(365).default(14).describe('a working lead not contacted for this many days, with no open task, counts as cold'),
    startHour: z.number().int().min(0).max(23).default(9).describe('business hours start (local hour in the lead\'s zone)'),
    endHour: z.number().int().min(1).max(24).default(17).describe('business hours end, exclusive (local hour)'),
  }),
  output: z.object({
    asOf: isoDateTime.describe('the instant judged against'),
    counts: z.object({
      overdue: z.number().int().describe('overdue tasks found'),
      due_soon: z.number().int().describe('tasks due soon found'),
      cold: z.number().int().describe('cold leads found'),
    }).describe('how many of each kind were found (before the limit)'),
    followups: z.array(
      z.object({
        kind: z.enum(['overdue', 'due_soon', 'cold']).describe('why it is listed'),
        recordKind: z.enum(['task', 'lead']).describe('what the id names'),
        id: z.string().describe('the task or lead id'),
        title: z.string().describe('what to do'),
        lead: ref('lead'),
        opportunity: ref('opportunity'),
        owner: z.string().nullable().describe('who should do it'),
        dueAt: isoDateTime.nullable().describe('when the task is due'),
        lastContactedAt: isoDateTime.nullable().describe('last contact (cold leads)'),
        timeZone: z.string().describe('the IANA zone the suggestion is in'),
        zoneSource: z.enum(['lead', 'account', 'owner', 'default']).describe('whose zone that is'),
        suggestedAt: isoDateTime.describe('suggested moment, UTC'),
        suggestedLocal: z.string().describe('the same moment with the zone\'s own offset'),
        suggestedLabel: z.string().describe('the moment as the lead would read it'),
        reason: z.string().describe('why it is due'),
      }).describe('one follow-up'),
    ).describe('overdue first, then due soon, then cold'),
  }),
  annotations: { title: 'Follow-ups due', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const ownerId = input.owner ? (await resolveUser(ctx, input.owner)).id : undefined;
    if (input.endHour <= input.startHour) throw invalidInput([{ field: 'endHour', message: `must be after startHour (${input.startHour})` }]);
    const endHour = input.endHour;
    const { items, counts } = await followupsDue(ctx.db, ctx.scope, {
      now: ctx.now, ownerId, dueSoonHours: input.dueSoonHours, coldDays: input.coldDays, hours: { startHour: input.startHour, endHour }, cap: input.limit,
    });
    return {
      asOf: ctx.now.toISOString(),
      counts,
      followups: items.map((i) => ({
        kind: i.kind, recordKind: i.recordKind, id: i.id, title: i.title, lead: i.lead, opportunity: i.opportunity, owner: i.owner,
        dueAt: i.dueAt?.toISOString() ?? null, lastContactedAt: i.lastContactedAt?.toISOString() ?? null,
        timeZone: i.timeZone, zoneSource: i.zoneSource, suggestedAt: i.suggestedAt.toISOString(), suggestedLocal: i.suggestedLocal,
        suggestedLabel: i.suggestedLabel, reason: i.reason,
      })),
    };
  },
});
