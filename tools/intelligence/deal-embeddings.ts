import type { Embedder } from '../../core/embeddings/index.ts';
import type { Executor } from '../../db/client.ts';
import { dealProfileSources, dealsMissingEmbeddings, upsertDealEmbeddings, type DealProfileSource } from '../../db/repos/deal-embeddings.ts';
import { dealProfileText, type DealFacts } from '../opportunities/win-probability/profile.ts';

// Keeps opportunity_embeddings complete: every deal gets the embedding of its profile text (what the deal is:
// product, industry, size, source, competitors, owner, team, region), so "deals like this one" is a vector
// query. Runs at every start; a no-op when every deal is already embedded by the current model.

const BATCH = 200;

/** Account size as a band, so 1,150 and 1,200 employees read the same. */
export function sizeBand(employees: number | null): string | undefined {
  if (employees === null) return undefined;
  if (employees < 200) return 'small';
  if (employees < 1000) return 'mid';
  return 'big';
}

export function dealFactsOf(source: Omit<DealProfileSource, 'id'> & { id?: string }): DealFacts {
  const facts: DealFacts = { competitors: source.competitors, owner: source.ownerName };
  if (source.id) facts.id = source.id;
  if (source.productName) facts.product = source.productName;
  if (source.industry) facts.segment = source.industry;
  const size = sizeBand(source.employees);
  if (size) facts.size = size;
  if (source.source) facts.source = source.source;
  if (source.teamName) facts.team = source.teamName;
  if (source.region) facts.attributes = { region: source.region };
  return facts;
}

export const profileTextOf = (source: DealProfileSource) => dealProfileText(dealFactsOf(source));

export interface RefreshReport {
  embedded: number;
  batches: number;
}

export async function refreshDealEmbeddings(db: Executor, embedder: Embedder, now: Date): Promise<RefreshReport> {
  let embedded = 0;
  let batches = 0;
  const seen = new Set<string>();
  for (;;) {
    const ids = (await dealsMissingEmbeddings(db, embedder.model, BATCH)).filter((id) => !seen.has(id));
    if (ids.length === 0) break;
    for (const id of ids) seen.add(id);
    const sources = await dealProfileSources(db, ids);
    const texts = sources.map(profileTextOf);
    const vectors = await embedder.embed(texts);
    await upsertDealEmbeddings(
      db,
      sources.map((s, k) => ({ opportunityId: s.id, profileText: texts[k]!, embedding: vectors[k]!, embeddingModel: embedder.model, updatedAt: now })),
    );
    embedded += sources.length;
    batches += 1;
  }
  return { embedded, batches };
}
