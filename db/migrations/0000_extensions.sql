-- Extensions the schema needs before any table exists: pgvector for embeddings,
-- pg_trgm for fuzzy name matching. Present in Postgres images with pgvector and in PGlite (loaded by db/client.ts).
CREATE EXTENSION IF NOT EXISTS vector;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
