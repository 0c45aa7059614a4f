import { z } from 'zod';
import { LEAD_SOURCES, LEAD_STAGES, LEAD_STATUSES } from '../../core/domain.ts';
import { searchLeads } from '../../db/repos/leads.ts';
import { resolveUser } from '../core/resolve.ts';
import { isoDateTime, pageInput, pageOutput } from '../core/schemas.ts';
import { resolveSpan, spanBound, spanInput } from '../analytics/period.ts';
import { defineTool } from '../registry.ts';

const leadRow = z.object({
  id: z.string().describe('lead id'),
  fullName: z.string().describe('the person'),
  email: z.string().nullable().describe('email address'),
  title: z.string().nullable().describe('job title'),
  account: z.string().nullable().describe('company name'),
  owner: z.string().nullable().describe('owning rep'),
  lifecycleStage: z.enum(LEAD_STAGES).describe('lifecycle stage'),
  status: z.string().describe('working status'),
  source: z.string().nullable().describe('where the lead came from'),
  score: z.number().nullable().describe('last lead score 0-100, null if never scored'),
  grade: z.string().nullable().describe('last grade A-D'),
  lastContactedAt: isoDateTime.nullable().describe('last outbound touch'),
});

export const leadSearch = defineTool({
  name: 'lead_search',
  description:
    'Find leads and contacts you can see: free text over name, email, title and company, plus filters on lifecycle stage, status, owner, source, score range and last contacted (a period such as this_week or last_30_days, or from/to). Paginated, best scored first unless sorted otherwise.',
  input: z.object({
    query: z.string().trim().max(200).optional().describe('free text: part of a name, email, title or company'),
    lifecycleStage: z.enum(LEAD_STAGES).optional().describe('only leads at this lifecycle stage'),
    status: z.enum(LEAD_STATUSES).optional().describe('only leads with this working status'),
    owner: z.string().trim().min(1).optional().describe('only leads owned by this rep (id, email or name)'),
    source: z.enum(LEAD_SOURCES).optional().describe('only leads from this source'),
    scoreMin: z.number().int().min(0).max(100).optional().describe('lowest lead score to include'),
    scoreMax: z.number().int().min(0).max(100).optional().describe('highest lead score to include'),
    period: spanInput.optional().describe('only leads last contacted in this period: this_week, last_30_days, last_month, "2026-Q2"...; or give from/to'),
    from: spanBound.optional().describe('only leads last contacted on or after this date or instant (instead of period)'),
    to: spanBound.optional().describe('only leads last contacted up to this date (its whole day) or instant, inclusive (instead of period)'),
    neverContacted: z.boolean().optional().describe('true = only leads nobody has contacted yet'),
    sort: z.enum(['score', 'name', 'last_contacted', 'created']).default('score').describe('sort key: lead score (best first), name, last contacted or created'),
    direction: z.enum(['asc', 'desc']).default('desc').describe('desc = highest score / latest / Z-A first'),
    ...pageInput,
  }),
  output: z.object({ leads: z.array(leadRow).describe('the page of matching leads'), page: pageOutput }),
  annotations: { title: 'Search leads', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const contacted = resolveSpan(input, ctx.now);
    const ownerId = input.owner ? (await resolveUser(ctx, input.owner)).id : undefined;
    const { rows, total } = await searchLeads(
      ctx.db,
      ctx.scope,
      {
        ...(input.query ? { query: input.query } : {}),
        ...(input.lifecycleStage ? { lifecycleStage: input.lifecycleStage } : {}),
        ...(input.status ? { status: input.status } : {}),
        ...(ownerId ? { ownerId } : {}),
        ...(input.source ? { source: input.source } : {}),
        ...(input.scoreMin !== undefined ? { scoreMin: input.scoreMin } : {}),
        ...(input.scoreMax !== undefined ? { scoreMax: input.scoreMax } : {}),
        ...(contacted?.start ? { lastContactedFrom: contacted.start } : {}),
        // the repo's bound is inclusive; spans end exclusively
        ...(contacted?.end ? { lastContactedTo: new Date(contacted.end.getTime() - 1) } : {}),
        ...(input.neverContacted ? { neverContacted: true } : {}),
      },
      { limit: input.limit, offset: input.offset, sort: input.sort, direction: input.direction },
    );
    return {
      leads: rows.map((r) => ({
        id: r.id,
        fullName: r.fullName,
        email: r.email,
        title: r.title,
        account: r.accountName,
        owner: r.ownerName,
        lifecycleStage: r.lifecycleStage,
        status: r.status,
        source: r.source,
        score: r.score,
        grade: r.grade,
        lastContactedAt: r.lastContactedAt?.toISOString() ?? null,
      })),
      page: { total, limit: input.limit, offset: input.offset, hasMore: input.offset + rows.length < total },
    };
  },
});
