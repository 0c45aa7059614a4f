import fc from 'fast-check';
import { expect } from 'vitest';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import type { Store } from '../../db/client.ts';
import { registry } from '../../tools/index.ts';
import { DEMO_NOW } from '../helpers/demo.ts';
import { loadCast, type MatrixCast } from '../role-matrix/records.ts';
import { capturingLogger } from './capture-log.ts';
import { fuzz } from './config.ts';
import { countChanges, rowCounts } from './store-counts.ts';
import { resultProblem } from './verdict.ts';

// One ingestion tool fed generated file contents, as a rep and as an admin: the answer is a report or a
// clear error, never `internal`; a refused import changes no row; a report's rows add up (no partial batch).

const embedder = createLocalEmbedder();

export interface IngestTarget {
  tool: 'ingest_crm_csv' | 'ingest_email' | 'ingest_transcript';
  contents: fc.Arbitrary<string>;
  /** other input fields beside content */
  extra?: fc.Arbitrary<Record<string, unknown>>;
  /** checks on a successful report; returns a problem in words */
  reportProblem?: (data: Record<string, unknown>) => string | undefined;
}

export async function fuzzIngest(store: Store, target: IngestTarget, runs: number): Promise<void> {
  const cast: MatrixCast = await loadCast(store.db);
  const captured = capturingLogger();
  const failuresBefore = registry.failureCounts()[target.tool] ?? 0;
  const property = fc.asyncProperty(target.contents, target.extra ?? fc.constant({}), fc.constantFrom('repA' as const, 'admin' as const), async (content, extra, who) => {
    const before = await rowCounts(store.db);
    const result = await registry.execute(target.tool, { ...extra, content }, cast[who], { db: store.db, log: captured.log, now: DEMO_NOW, embedder });
    const problem = resultProblem(result) ?? (result.ok ? target.reportProblem?.(result.data as Record<string, unknown>) : undefined);
    if (problem) throw new Error(`${target.tool} as ${who}: ${problem} ${captured.take() ?? ''}`);
    if (!result.ok) {
      const changed = countChanges(before, await rowCounts(store.db));
      if (changed.length > 0) throw new Error(`${target.tool} as ${who} failed (${result.error.code}) but changed rows: ${changed.join(', ')}`);
    }
  });
  await fuzz(target.tool, property, runs);
  expect(registry.failureCounts()[target.tool] ?? 0).toBe(failuresBefore);
}
