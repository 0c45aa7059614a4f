import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    include: ['{core,db,tools,prompts,agents,graph,server,evals,test}/**/*.test.ts'],
    // PGlite instances are ~200 MB and a CPU each: two workers for two cores.
    pool: 'forks',
    maxWorkers: 2,
    // Generous ceilings for WASM start-up on a loaded CI box; no test asserts on time.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
