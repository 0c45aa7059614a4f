import type { Embedder } from '../../core/embeddings/index.ts';
import { embedLocalOne } from '../../core/embeddings/local.ts';
import type { Executor } from '../../db/client.ts';
import { closedDealsBefore, closedHistoryStamp, dealsOpenAt, stageChangesBefore, storedProfileEmbeddings, touchesBefore } from '../../db/repos/opportunity-history.ts';
import { profileTextOf } from '../intelligence/deal-embeddings.ts';
import { buildTimelines, closedDealOf, type Timeline } from './opportunity-win-history.ts';
import { examplesFor, innerReplay, withReplayCalibration, type InnerReplayOptions } from './opportunity-win-replay.ts';
import { fitWinModel, memoryNeighbourSearch, type ClosedDeal, type FittedWinModel, type NeighbourSearch, type WinModelOptions } from './win-probability/model.ts';

// Fits the win-probability model on the store's own closed deals, as of an instant, and keeps the fit
// in memory: fitting embeds and searches every closed deal and cross-validates the penalty (hundreds
// of milliseconds to seconds on the demo org), while a prediction with a fitted model takes
// microseconds. The cache is keyed by store (the Db object), UTC day, embedding model and a stamp
// of the closed history, so a close, an edit or a stage move before the cutoff forces a refit; nothing
// is written to the store (the tool stays read-only).

const DAY_MS = 86_400_000;
const EMBED_BATCH = 200;

export interface StoreWinModel {
  model: FittedWinModel;
  /** the fit saw deals closed, stage moves and touches strictly before this instant */
  cutoff: Date;
  history: ClosedDeal[];
  /** the exact neighbour search over `history` the fit used (backtests score with it) */
  search: NeighbourSearch;
  timelines: Map<string, Timeline>;
  fitMs: number;
}

/**
 * Which moments of the closed deals the model learns from. 'as_of' (the default) takes every deal open on
 * a day every `stepDays` before the cutoff, as it looked that day: the same population and the same
 * length bias as the deals being scored. On the demo org's 12-month replay it gave Brier 0.234 against
 * 0.246 for 'stays' (each deal once half-way through each stage it completed), AUC 0.676 against 0.666.
 */
export type TrainingSampling = { kind: 'stays' } | { kind: 'as_of'; stepDays: number };
export const DEFAULT_SAMPLING: TrainingSampling = { kind: 'as_of', stepDays: 14 };

/** The start of the UTC day `now` falls in: the fit of a day covers what had closed before it. */
export const cutoffOf = (now: Date) => new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);

/** Profile vectors for these deals: stored ones when their text is still current, else embedded now. */
async function profileVectors(ex: Executor, embedder: Embedder, deals: Parameters<typeof profileTextOf>[0][]) {
  const stored = await storedProfileEmbeddings(ex, deals.map((d) => d.id), embedder.model);
  const byId = new Map<string, number[]>();
  const byText = new Map<string, number[]>();
  const missing: { id: string; text: string }[] = [];
  for (const deal of deals) {
    const text = profileTextOf(deal);
    const hit = stored.get(deal.id);
    if (hit && hit.text === text) {
      byId.set(deal.id, hit.vector);
      byText.set(text, hit.vector);
    } else missing.push({ id: deal.id, text });
  }
  const texts = [...new Set(missing.map((m) => m.text).filter((t) => !byText.has(t)))];
  for (let i = 0; i < texts.length; i += EMBED_BATCH) {
    const batch = texts.slice(i, i + EMBED_BATCH);
    const vectors = await embedder.embed(batch);
    batch.forEach((text, j) => byText.set(text, vectors[j]!));
  }
  for (const m of missing) byId.set(m.id, byText.get(m.text)!);
  return { byId, byText };
}

export async function fitStoreWinModel(
  ex: Executor,
  embedder: Embedder,
  cutoff: Date,
  options: Partial<WinModelOptions> = {},
  sampling: TrainingSampling = DEFAULT_SAMPLING,
  /**
   * Opt-in last step fitted on an inner replay (opportunity-win-replay.ts); false (the default): the blended
   * model is the last step. Not the default because on the demo replay it did not help: every bin of 30+
   * deals within 8 points was the goal; with the map (horizon 90 days) AUC 0.672 vs 0.678, Brier 0.228 vs
   * 0.226, and the 0.8-0.9 bin still 0.838 predicted vs 0.745 observed (47 deals); horizon 150 days was worse
   * (AUC 0.666, Brier 0.231, four bins off by 9-14 points). It costs about four more fits per fit.
   */
  replay: Partial<InnerReplayOptions> | false = false,
): Promise<StoreWinModel> {
  const started = performance.now();
  const [closed, changes, touches, stillOpen] = await Promise.all([
    closedDealsBefore(ex, cutoff),
    stageChangesBefore(ex, cutoff),
    touchesBefore(ex, cutoff),
    dealsOpenAt(ex, cutoff),
  ]);
  const timelines = buildTimelines(changes, touches);
  const history = closed.map((r) => closedDealOf(r, timelines.get(r.id)));
  const examplesOf = examplesFor(sampling);
  const examples = examplesOf(closed, timelines, cutoff);
  const { byId, byText } = await profileVectors(ex, embedder, closed);
  // queries are the same profile texts; a text never seen (only possible with another embedder) falls back to the local hash
  const search = memoryNeighbourSearch(history, { vectors: byId, embed: (text) => byText.get(text) ?? embedLocalOne(text) });
  const fitted = fitWinModel({ history, examples: examples.length > 0 ? examples : undefined, search, options });
  const model =
    replay === false
      ? fitted
      : withReplayCalibration(
          fitted,
          innerReplay({
            closed,
            changes,
            touches,
            // only their creation times: whatever the row says about later is not read
            stillOpenCreatedAt: stillOpen.map((r) => r.createdAt),
            search,
            cutoff,
            examplesOf,
            modelOptions: options,
            options: replay,
          }),
          replay,
        );
  return { model, cutoff, history, search, timelines, fitMs: Math.round(performance.now() - started) };
}

const cache = new WeakMap<object, { key: string; fit: Promise<StoreWinModel> }>();

/** The model fitted on the store's history before `now`'s UTC day, from memory when nothing changed since. */
export async function storeWinModel(ex: Executor, embedder: Embedder, now: Date): Promise<{ fitted: StoreWinModel; cached: boolean }> {
  const cutoff = cutoffOf(now);
  const key = `${cutoff.toISOString()}|${embedder.model}|${await closedHistoryStamp(ex, cutoff)}`;
  const hit = cache.get(ex);
  if (hit && hit.key === key) return { fitted: await hit.fit, cached: true };
  const fit = fitStoreWinModel(ex, embedder, cutoff);
  cache.set(ex, { key, fit });
  // a failed fit must not stay cached
  fit.catch(() => {
    if (cache.get(ex)?.fit === fit) cache.delete(ex);
  });
  return { fitted: await fit, cached: false };
}
