import { z } from 'zod';
import type { Role } from '../../core/domain.ts';
import { getMeta, setMeta } from '../../db/repos/meta.ts';
import { inScope, loadScope } from '../../db/repos/scope.ts';
import { usersBrief } from '../../db/repos/tasks.ts';
import { forbidden, notFound } from '../core/errors.ts';
import { resolveUser } from '../core/resolve.ts';
import { isoDateTime } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { composeBriefing, fitBriefing, MAX_ITEMS, MAX_WORDS, type Audience } from './briefing.ts';
import { zoneOf } from './business-hours.ts';

const DAY_MS = 86_400_000;
const defaultAudience: Record<Role, Audience> = { rep: 'rep', manager: 'manager', exec: 'exec', admin: 'exec' };
const markKey = (userId: string, audience: Audience) => `briefing:last:${userId}:${audience}`;

export const briefingGenerate = defineTool({
  name: 'briefing_generate',
  description:
    `The daily briefing for a rep, a manager or an exec: what changed since the last briefing (deal stage moves, won and lost, new pipeline, close dates pushed out), today's priorities (tasks due or overdue), risks (risk_scan's signals), follow-ups due (cold leads) and forecast movement. At most ${MAX_ITEMS} items and about ${MAX_WORDS} words; every item names its record (kind + id). It remembers when each person last had their briefing, so "since last" moves on (markRead: false to preview).`,
  input: z.object({
    audience: z.enum(['rep', 'manager', 'exec']).optional().describe('which briefing: rep (own work), manager (team), exec (company); default by your role'),
    user: z.string().trim().min(1).optional().describe('whose briefing (id, email or name; someone in your scope); default you'),
    since: isoDateTime.optional().describe('report changes after this instant instead of since the last briefing'),
    markRead: z.boolean().default(true).describe('false = preview: do not move the "since last briefing" mark'),
  }),
  output: z.object({
    audience: z.enum(['rep', 'manager', 'exec']).describe('which briefing'),
    user: z.object({ id: z.string().describe('user id'), name: z.string().describe('user name') }).describe('whose briefing'),
    since: isoDateTime.describe('changes are counted after this instant'),
    asOf: isoDateTime.describe('the briefing\'s instant'),
    text: z.string().describe(`the briefing as text, at most ${MAX_WORDS} words`),
    words: z.number().int().describe('words in text'),
    items: z.array(z.object({
      section: z.enum(['changed', 'priority', 'risk', 'followup', 'forecast']).describe('which part of the briefing'),
      kind: z.enum(['task', 'lead', 'opportunity']).describe('record kind'),
      id: z.string().describe('record id'),
      text: z.string().describe('the line'),
    }).describe('one item, linked to its record')).describe(`at most ${MAX_ITEMS}`),
  }),
  // read-only: the only thing it writes is the "last briefed" mark, a derived value (not a change to any record) kept in store_meta
  annotations: { title: 'Generate briefing', readOnlyHint: true, idempotentHint: false },
  minRole: 'rep',
  async execute(input, ctx) {
    const userId = input.user ? (await resolveUser(ctx, input.user)).id : ctx.actor.userId;
    if (userId !== ctx.actor.userId && !inScope(ctx.scope, userId)) throw forbidden('You may only generate briefings for yourself or your team');
    const user = (await usersBrief(ctx.db, [userId])).get(userId);
    if (!user) throw notFound('user', input.user ?? userId);
    const audience = input.audience ?? defaultAudience[user.role as Role];
    // the briefing shows what its reader may see, never more than the caller may
    const readerScope = await loadScope(ctx.db, { userId, role: user.role as Role, teamId: user.teamId });
    const scope = userId === ctx.actor.userId ? ctx.scope : readerScope;

    const mark = await getMeta<{ at: string }>(ctx.db, markKey(userId, audience));
    const lastAt = mark ? new Date(mark.at) : undefined;
    const since = input.since ? new Date(input.since) : lastAt && lastAt < ctx.now ? lastAt : new Date(ctx.now.getTime() - DAY_MS);
    const { headline, items } = await composeBriefing({ db: ctx.db, scope, now: ctx.now, since, audience, userId, timeZone: zoneOf(user.timeZone) });
    const title = `${audience[0]!.toUpperCase()}${audience.slice(1)} briefing for ${user.fullName}, ${ctx.now.toISOString().slice(0, 10)}`;
    const fitted = fitBriefing(title, headline, items);
    if (input.markRead) await setMeta(ctx.db, markKey(userId, audience), { at: ctx.now.toISOString() });
    return {
      audience, user: { id: userId, name: user.fullName }, since: since.toISOString(), asOf: ctx.now.toISOString(),
      text: fitted.text, words: fitted.text.split(/\s+/).filter(Boolean).length, items: fitted.items,
    };
  },
});
