// The width of every stored embedding. The chunks.embedding column is declared with it, the
// local embedder produces it, and the OpenAI embedder asks for it (text-embedding-3 models
// accept a `dimensions` parameter). Changing it needs a migration and a re-embed.
export const EMBEDDING_DIMENSIONS = 384;
