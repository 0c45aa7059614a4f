import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { registry } from '../../tools/index.ts';
import { createDemoStore, DEMO_NOW } from '../helpers/demo.ts';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { EXAMPLES } from '../role-matrix/examples.ts';
import { loadCast, targetsOf, type MatrixCast, type Targets } from '../role-matrix/records.ts';
import { hostileValue } from './arbitraries.ts';
import { fuzz, runsFor } from './config.ts';
import { capturingLogger } from './capture-log.ts';
import { objectFor } from './from-schema.ts';
import { countChanges, rowCounts } from './store-counts.ts';
import { resultProblem } from './verdict.ts';

// Every registry tool, as an admin and as a rep, with three kinds of input: anything at all, inputs shaped
// by the tool's JSON Schema with hostile values, and the tool's working example (role matrix) with one field
// made hostile. The answer is always a result or a clear error, never `internal`; a failed call changes no row.

const listing = new Map(registry.list().map((tool) => [tool.name, tool]));
const embedder = createLocalEmbedder();
const captured = capturingLogger();

describe('fuzz: every registry tool', () => {
  let store: Store;
  let cast: MatrixCast;
  let targets: Targets;

  beforeAll(async () => {
    store = await createDemoStore();
    cast = await loadCast(store.db);
    targets = await targetsOf(store.db, cast.repA);
  });
  afterAll(() => store.close());

  function inputs(name: string): fc.Arbitrary<unknown> {
    const schema = listing.get(name)!.inputSchema;
    const example = EXAMPLES[name]?.(targets) ?? {};
    const keys = Object.keys(example);
    const mutated = keys.length === 0
      ? fc.constant(example)
      : fc.tuple(fc.constantFrom(...keys), hostileValue).map(([key, value]) => ({ ...example, [key]: value }));
    return fc.oneof({ weight: 1, arbitrary: hostileValue }, { weight: 3, arbitrary: objectFor(schema) }, { weight: 3, arbitrary: mutated });
  }

  for (const name of registry.names()) {
    it(`${name}: hostile input gets a result or a clear error, and a failed call writes nothing`, async () => {
      const failuresBefore = registry.failureCounts()[name] ?? 0;
      const property = fc.asyncProperty(inputs(name), fc.constantFrom('admin' as const, 'repA' as const), async (input, who) => {
        const before = await rowCounts(store.db);
        const result = await registry.execute(name, input, cast[who], { db: store.db, log: captured.log, now: DEMO_NOW, embedder });
        const problem = resultProblem(result);
        if (problem) throw new Error(`${name} as ${who}: ${problem} ${captured.take() ?? ''}`);
        if (!result.ok) {
          const changed = countChanges(before, await rowCounts(store.db));
          if (changed.length > 0) throw new Error(`${name} as ${who} failed (${result.error.code}) but changed rows: ${changed.join(', ')}`);
        }
      });
      await fuzz(`tool:${name}`, property, runsFor(3));
      expect(registry.failureCounts()[name] ?? 0).toBe(failuresBefore);
    });
  }
});
