import { existsSync } from 'node:fs';
import { createLocalSemanticEmbedder, type Embedder } from '../../core/embeddings/index.ts';
import { WORD_VECTORS_FILE } from '../../core/embeddings/word-vectors.ts';

/** The offline semantic embedder, when its word vectors are there (`npm run build:word-vectors`). */
export async function semanticEmbedderIfBuilt(): Promise<Embedder | undefined> {
  return existsSync(WORD_VECTORS_FILE) ? createLocalSemanticEmbedder() : undefined;
}
