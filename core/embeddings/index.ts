import type { Env } from '../env.ts';
import type { Embedder } from './embedder.ts';
import { createLocalEmbedder } from './local.ts';
import { createLocalSemanticEmbedder } from './local-semantic.ts';
import { createOpenAiEmbedder } from './openai.ts';

export type { Embedder } from './embedder.ts';
export { EMBEDDING_DIMENSIONS } from './dimensions.ts';
export { createLocalEmbedder, LOCAL_EMBEDDING_MODEL } from './local.ts';
export { createLocalSemanticEmbedder, LOCAL_SEMANTIC_EMBEDDING_MODEL } from './local-semantic.ts';

/** The embedder the configuration asks for: local (lexical) unless EMBEDDINGS=local-semantic or openai. */
export function createEmbedder(env: Pick<Env, 'EMBEDDINGS' | 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_EMBEDDING_MODEL'>): Embedder {
  if (env.EMBEDDINGS === 'openai' && env.OPENAI_API_KEY) {
    return createOpenAiEmbedder({
      apiKey: env.OPENAI_API_KEY,
      model: env.OPENAI_EMBEDDING_MODEL,
      ...(env.OPENAI_BASE_URL ? { baseUrl: env.OPENAI_BASE_URL } : {}),
    });
  }
  if (env.EMBEDDINGS === 'local-semantic') return createLocalSemanticEmbedder();
  return createLocalEmbedder();
}
