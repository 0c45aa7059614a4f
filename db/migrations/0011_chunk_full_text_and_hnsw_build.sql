DROP INDEX "chunks_embedding_hnsw_idx";--> statement-breakpoint
ALTER TABLE "chunks" ADD COLUMN "search_text" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED;--> statement-breakpoint
CREATE INDEX "chunks_search_text_idx" ON "chunks" USING gin ("search_text");--> statement-breakpoint
CREATE INDEX "chunks_embedding_hnsw_idx" ON "chunks" USING hnsw ("embedding" vector_cosine_ops) WITH (m=16,ef_construction=128);