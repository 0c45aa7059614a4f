import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from db/schema; they are committed and applied on start
// by db/migrate.ts (drizzle-kit's own migrate cannot load the vector extension into PGlite).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
