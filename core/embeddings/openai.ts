import { AppError } from '../errors.ts';
import { EMBEDDING_DIMENSIONS } from './dimensions.ts';
import type { Embedder } from './embedder.ts';

interface OpenAiEmbeddingResponse {
  data: { index: number; embedding: number[] }[];
}

const BATCH = 256;

/** OpenAI (or a server speaking its wire protocol) embeddings, asked for our fixed width. */
export function createOpenAiEmbedder(options: {
  apiKey: string;
  model: string;
  baseUrl?: string;
  fetchImpl?: typeof fetch;
}): Embedder {
  const baseUrl = (options.baseUrl ?? 'https://api.openai.com/v1').replace(/\/$/, '');
  const doFetch = options.fetchImpl ?? fetch;
  return {
    model: `openai:${options.model}`,
    dimensions: EMBEDDING_DIMENSIONS,
    async embed(texts) {
      const out: number[][] = [];
      for (let start = 0; start < texts.length; start += BATCH) {
        const batch = texts.slice(start, start + BATCH);
        const response = await doFetch(`${baseUrl}/embeddings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
          body: JSON.stringify({ model: options.model, input: batch, dimensions: EMBEDDING_DIMENSIONS }),
        });
        if (!response.ok) {
          const detail = (await response.text()).slice(0, 300);
          throw new AppError('embeddings:provider_error', `OpenAI embeddings failed with HTTP ${response.status}: ${detail}`);
        }
        const body = (await response.json()) as OpenAiEmbeddingResponse;
        const sorted = [...body.data].sort((a, b) => a.index - b.index);
        for (const item of sorted) {
          if (item.embedding.length !== EMBEDDING_DIMENSIONS) {
            throw new AppError(
              'embeddings:dimension_mismatch',
              `OpenAI returned ${item.embedding.length}-d vectors, the store holds ${EMBEDDING_DIMENSIONS}-d`,
              { hint: 'use a text-embedding-3 model, which honours the dimensions parameter' },
            );
          }
          out.push(item.embedding);
        }
      }
      return out;
    },
  };
}
