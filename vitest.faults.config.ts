import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// `npm run test:faults`: kill -9 at named points (workflows, approvals), a real Postgres killed and restarted
// under a running server, a full disk under the data folder. Slow and partly root-only: kept out of `npm test`.
export default defineConfig({ ...base, test: { ...base.test, include: ['test/faults/*.fault.test.ts'], exclude: ['**/node_modules/**'], maxWorkers: 1, testTimeout: 600_000 } });
