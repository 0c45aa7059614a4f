import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    include: ['{core,db,tools,prompts,agents,graph,server,evals,test}/**/*.test.ts'],
    // *.net.test.ts need the network (npx fetching a third-party client): `npm run test:inspector`
    // *.fault.test.ts kill processes, a Postgres server and fill a disk: `npm run test:faults`
    exclude: ['**/node_modules/**', '**/*.net.test.ts', '**/*.fault.test.ts'],
    // Migrates one PGlite per run and hands its dump to the workers (demo-org dumps are added on first use).
    globalSetup: ['./test/global-setup.ts'],
    // PGlite instances are ~200 MB and a CPU each: two workers for two cores.
    pool: 'forks',
    maxWorkers: 2,
    // Files share their worker process: modules are imported and PGlite's WASM compiled once per worker,
    // not once per file. Each file still opens its own fresh stores; no test mocks modules or globals.
    isolate: false,
    setupFiles: ['./test/setup-file.ts'],
    // Generous ceilings for WASM start-up on a loaded CI box; no test asserts on time.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
