import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// `npm run test:inspector`: the MCP Inspector CLI (a third-party client fetched by npx from the registry, so
// it needs the network) listing and calling our tools over stdio and Streamable HTTP. Kept out of `npm test`.
export default defineConfig({ ...base, test: { ...base.test, include: ['server/mcp/*.net.test.ts'], exclude: ['**/node_modules/**'] } });
