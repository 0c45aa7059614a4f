import { z } from 'zod';
import { INTERACTION_TYPES, SOURCE_ITEM_KINDS } from '../../core/domain.ts';
import type { ChunkFilters } from '../../db/repos/semantic.ts';
import { invalidInput } from '../core/errors.ts';
import { resolveLead, resolveOpportunity } from '../core/resolve.ts';
import { evidenceList, isoDateTime, reference } from '../core/schemas.ts';
import { resolveAccount } from '../core/resolve.ts';
import { resolveSpan, spanBound, spanInput } from '../analytics/period.ts';
import { defineTool } from '../registry.ts';
import { SEARCH_MODES, searchPassages } from './hybrid-search.ts';

const SOURCE_TYPES = [...new Set<string>([...INTERACTION_TYPES, ...SOURCE_ITEM_KINDS])] as [string, ...string[]];
const QUOTE_CHARS = 600;

const hit = z
  .object({
    rank: z.number().int().describe('1 = best match'),
    chunkId: z.string().describe('the passage id'),
    quote: z.string().describe('the passage text (trimmed to 600 characters)'),
    similarity: z.number().describe('cosine similarity to the question, -1..1 (1 = same direction); lexical with the local embedder'),
    matchedBy: z.array(z.enum(['vector', 'words'])).describe('which rankings found it: vector similarity, shared words (full text), or both'),
    sameText: z.number().int().describe('how many passages you may see say exactly this (templated or forwarded mail), this one included'),
    source: z
      .object({
        interactionId: z.string().nullable().describe('the email, call, meeting or note it comes from'),
        sourceItemId: z.string().nullable().describe('the ingested raw item (email file, transcript) it comes from'),
        type: z.string().nullable().describe('interaction type (email, call, meeting...) or source kind (transcript...)'),
        direction: z.string().nullable().describe('inbound, outbound or internal'),
        date: isoDateTime.nullable().describe('when it happened'),
        subject: z.string().nullable().describe('subject line or source title'),
        leadId: z.string().nullable().describe('the lead it concerns'),
        lead: z.string().nullable().describe('lead name'),
        opportunityId: z.string().nullable().describe('the deal it concerns'),
        opportunity: z.string().nullable().describe('deal name'),
        account: z.string().nullable().describe('account name'),
      })
      .describe('where the passage comes from, to cite it'),
  })
  .describe('one matching passage');

export const semanticSearch = defineTool({
  name: 'semantic_search',
  description:
    'Find passages in emails, call and meeting transcripts and notes that match a question (vector similarity fused with full-text word ' +
    'matches), only from records ' +
    'you may see, optionally limited to one lead, deal or account, to some interaction types and to a date range. Each passage comes with its ' +
    'similarity and a source link (interaction or ingested item, type, date, subject, lead and deal) to cite; identical passages come back once ' +
    'with how many say the same.',
  input: z.object({
    query: z.string().trim().min(2, 'ask something').max(1000).describe('the question or phrase to look for'),
    lead: reference('lead').optional().describe('only passages about this lead (id, email or name)'),
    opportunity: reference('opportunity').optional().describe('only passages about this deal (id or name)'),
    account: z.string().trim().min(1).optional().describe('only passages about this account (id, domain or name)'),
    types: z.array(z.enum(SOURCE_TYPES)).max(10).optional().describe('only these interaction types or source kinds, e.g. ["email", "meeting"]'),
    period: spanInput.optional().describe('only passages dated in this period: last_30_days, this_week, last_quarter, "2026-05"...; or give from/to'),
    from: spanBound.optional().describe('only passages from this date or instant on (instead of period)'),
    to: spanBound.optional().describe('only passages up to this date (its whole day) or instant, inclusive (instead of period)'),
    minSimilarity: z.number().min(-1).max(1).default(0).describe('leave out passages less similar than this (0-1 is the useful range)'),
    limit: z.number().int().min(1).max(50).default(8).describe('how many passages to return (1-50)'),
    mode: z.enum(SEARCH_MODES).default('hybrid').describe('hybrid (default: vectors and full text fused), vector only, or text (words) only'),
  }),
  output: z.object({
    query: z.string().describe('the question searched for'),
    model: z.string().describe('the embedding model used'),
    hits: z.array(hit).describe('passages, best match first'),
    evidence: evidenceList,
  }),
  annotations: { title: 'Semantic search', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const span = resolveSpan(input, ctx.now);
    const filters: ChunkFilters = {
      ...(input.lead ? { leadId: (await resolveLead(ctx, input.lead)).id } : {}),
      ...(input.opportunity ? { opportunityId: (await resolveOpportunity(ctx, input.opportunity)).id } : {}),
      ...(input.account ? { accountId: (await resolveAccount(ctx, input.account)).id } : {}),
      ...(input.types ? { types: input.types } : {}),
      ...(span?.start ? { from: span.start } : {}),
      // the repo's bound is inclusive; spans end exclusively
      ...(span?.end ? { to: new Date(span.end.getTime() - 1) } : {}),
    };
    const [vector] = await ctx.embedder.embed([input.query]);
    if (!vector) throw new Error('the embedder returned no vector');
    const found = await searchPassages(ctx.db, ctx.scope, {
      query: input.query, embedding: vector, model: ctx.embedder.model, limit: input.limit, mode: input.mode, filters, asOf: ctx.now,
    });
    const hits = found
      .filter((h) => h.similarity >= input.minSimilarity)
      .map((h, k) => ({
        rank: k + 1,
        chunkId: h.id,
        quote: h.text.length > QUOTE_CHARS ? `${h.text.slice(0, QUOTE_CHARS - 1)}…` : h.text,
        similarity: h.similarity,
        matchedBy: [...(h.vectorRank !== null ? (['vector'] as const) : []), ...(h.textRank !== null ? (['words'] as const) : [])],
        sameText: h.sameText,
        source: {
          interactionId: h.interactionId,
          sourceItemId: h.sourceItemId,
          type: h.type,
          direction: h.direction,
          date: h.occurredAt?.toISOString() ?? null,
          subject: h.subject,
          leadId: h.leadId,
          lead: h.leadName,
          opportunityId: h.opportunityId,
          opportunity: h.opportunityName,
          account: h.accountName,
        },
      }));
    return {
      query: input.query,
      model: ctx.embedder.model,
      hits,
      evidence: hits.map((h) => ({
        sourceId: h.source.interactionId ?? h.source.sourceItemId ?? h.chunkId,
        kind: h.source.type ?? 'passage',
        date: h.source.date,
        quote: h.quote.slice(0, 200),
      })),
    };
  },
});
