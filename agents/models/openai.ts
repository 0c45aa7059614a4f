import { ChatOpenAI } from '@langchain/openai';
import { createChatCopilotModel } from './chat-model.ts';
import type { RetryOptions } from './retry.ts';
import type { CopilotModel } from './types.ts';

export interface OpenAIModelOptions {
  apiKey: string;
  model: string;
  /** any OpenAI-compatible server (vLLM, Ollama, LM Studio...) */
  baseURL?: string;
  timeoutMs?: number;
  retry?: RetryOptions;
}

/** OpenAI chat completions with tool calls, streamed (streaming .invoke() hangs offline: STACK snag 3). */
export function createOpenAIModel(options: OpenAIModelOptions): CopilotModel {
  const chat = new ChatOpenAI({
    apiKey: options.apiKey,
    model: options.model,
    streaming: true,
    // our own retries (agents/models/retry.ts) decide what is worth retrying
    maxRetries: 0,
    timeout: options.timeoutMs ?? 60_000,
    temperature: 0,
    ...(options.baseURL ? { configuration: { baseURL: options.baseURL } } : {}),
  });
  return createChatCopilotModel({ id: `openai:${options.model}`, provider: 'OpenAI', chat, ...(options.retry ? { retry: options.retry } : {}) });
}
