import { fixedClock } from '../../core/clock.ts';
import { parseEnv } from '../../core/env.ts';
import { silentLogger } from '../../core/logger.ts';
import { openRuntime, type Runtime } from '../../tools/runtime.ts';
import { migratedTemplateBlob } from './db.ts';
import { createFixtureOrg, ORG_NOW, type FixtureOrg } from './org.ts';

/** A runtime over a fresh in-memory store holding the fixture org, on a fixed clock. */
export async function createFixtureRuntime(): Promise<{ runtime: Runtime; org: FixtureOrg }> {
  const runtime = await openRuntime({
    env: parseEnv({ SEED_ON_EMPTY: 'false' }),
    clock: fixedClock(ORG_NOW),
    log: silentLogger,
    storeOptions: { kind: 'pglite', loadDataDir: await migratedTemplateBlob() },
  });
  const org = await createFixtureOrg(runtime.db);
  return { runtime, org };
}
