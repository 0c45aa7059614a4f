import { ChatAnthropic } from '@langchain/anthropic';
import { createChatCopilotModel } from './chat-model.ts';
import type { RetryOptions } from './retry.ts';
import type { CopilotModel } from './types.ts';

export interface AnthropicModelOptions {
  apiKey: string;
  model: string;
  baseURL?: string;
  timeoutMs?: number;
  retry?: RetryOptions;
}

/** Anthropic messages with tool_use blocks, streamed. */
export function createAnthropicModel(options: AnthropicModelOptions): CopilotModel {
  const chat = new ChatAnthropic({
    apiKey: options.apiKey,
    model: options.model,
    streaming: true,
    maxRetries: 0,
    maxTokens: 4096,
    temperature: 0,
    ...(options.baseURL ? { anthropicApiUrl: options.baseURL } : {}),
    clientOptions: { timeout: options.timeoutMs ?? 60_000, maxRetries: 0 },
  });
  return createChatCopilotModel({ id: `anthropic:${options.model}`, provider: 'Anthropic', chat, ...(options.retry ? { retry: options.retry } : {}) });
}
