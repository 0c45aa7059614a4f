import type { ToolContext } from '../core/context.ts';
import { dealProfileSources, storedDealEmbedding } from '../../db/repos/deal-embeddings.ts';
import { notFound } from '../core/errors.ts';
import { resolveOpportunity } from '../core/resolve.ts';
import { dealProfileText } from '../opportunities/win-probability/profile.ts';
import { dealFactsOf, profileTextOf } from './deal-embeddings.ts';

// The vector a "deals like this" search starts from: a named deal's stored profile embedding (or its
// profile embedded now), or a described deal's profile and free text.

export interface DescribedDeal {
  product?: string | undefined;
  industry?: string | undefined;
  employees?: number | undefined;
  source?: string | undefined;
  competitors?: string[] | undefined;
  region?: string | undefined;
}

export interface Basis {
  opportunityId: string | null;
  name: string | null;
  text: string;
  vector: number[];
}

/** The vector to search with: the deal's stored profile embedding, else its profile embedded now, else the description. */
export async function searchBasis(
  ctx: ToolContext,
  input: { opportunity?: string | undefined; profile?: DescribedDeal | undefined; description?: string | undefined },
): Promise<Basis> {
  if (input.opportunity) {
    const deal = await resolveOpportunity(ctx, input.opportunity);
    const [source] = await dealProfileSources(ctx.db, [deal.id], ctx.scope);
    if (!source) throw notFound('opportunity', input.opportunity);
    const text = profileTextOf(source);
    const vector = (await storedDealEmbedding(ctx.db, ctx.scope, deal.id, ctx.embedder.model)) ?? (await embedOne(ctx, text));
    return { opportunityId: deal.id, name: deal.label, text, vector };
  }
  const p = input.profile;
  const profile = p
    ? dealProfileText(
        dealFactsOf({
          productName: p.product ?? null,
          industry: p.industry ?? null,
          employees: p.employees ?? null,
          region: p.region ?? null,
          source: p.source ?? null,
          competitors: p.competitors ?? [],
          ownerName: '',
          teamName: null,
        }),
      )
    : '';
  // competitors unknown in a free-text search: say nothing rather than "none"
  const cleaned = p?.competitors ? profile : profile.replace(/^competitor: competitorNone$/m, '').trim();
  const text = [cleaned, input.description ?? ''].filter(Boolean).join('\n');
  return { opportunityId: null, name: null, text, vector: await embedOne(ctx, text) };
}

async function embedOne(ctx: ToolContext, text: string): Promise<number[]> {
  const [vector] = await ctx.embedder.embed([text]);
  if (!vector) throw new Error('the embedder returned no vector');
  return vector;
}
