import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../../agents/index.ts';
import { createLocalModel } from '../../agents/models/local/index.ts';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import type { Store } from '../../db/client.ts';
import { createDemoStore, DEMO_NOW } from '../../test/helpers/demo.ts';
import { registry } from '../../tools/index.ts';
import { loadDataset, type Conversation } from './dataset.ts';
import { evaluate } from './evaluate.ts';
import { summarize } from './report.ts';

// The local model's eval as a test: a slice of the dev set on a small demo store. The slice keeps the
// conversations that name no lead, deal or account (those names belong to the scale-1 org the full eval
// seeds); reps, teams and products are the same at every scale.

const RECORD_ARGS = new Set(['lead', 'opportunity', 'account', 'survivor', 'duplicate', 'query', 'note']);
const portable = (c: Conversation) =>
  c.category !== 'ambiguous' && c.turns.every((t) => !('calls' in t.expect) || t.expect.calls.every((call) => Object.keys(call.args).every((k) => !RECORD_ARGS.has(k))));

describe('local model on the dev set (slice)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createDemoStore(0.05);
  }, 120_000);
  afterAll(() => store.close());

  it('meets the offline targets', async () => {
    const dataset = loadDataset(new URL('../datasets/copilot-dev.jsonl', import.meta.url).pathname);
    // every category, kept small so the file stays fast: the full set runs in `npm run eval:copilot`
    const slice = dataset.conversations.filter(portable).filter((c, i) => c.category !== 'single' || i % 3 === 0);
    expect(slice.length).toBeGreaterThanOrEqual(40);
    const scores = await evaluate(slice, {
      model: createLocalModel(),
      registry,
      agents,
      db: store.db,
      now: DEMO_NOW,
      services: { db: store.db, log: silentLogger, now: DEMO_NOW, embedder: createLocalEmbedder() },
    });
    const s = summarize(scores);
    const wrong = scores.filter((x) => !x.correct).map((x) => `${x.conversation}#${x.turn} "${x.user}": ${x.why}`);
    expect({ tool: s.toolAccuracy >= 0.95, args: s.argumentAccuracy >= 0.9, declined: s.outOfScopeDeclined >= 0.9, compound: s.compound >= 0.9, followups: s.followups >= 0.9, wrong }).toMatchObject({
      tool: true, args: true, declined: true, compound: true, followups: true,
    });
  }, 180_000);
});
