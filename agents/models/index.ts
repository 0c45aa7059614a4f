import type { Env } from '../../core/env.ts';
import { createAnthropicModel } from './anthropic.ts';
import { createLocalModel } from './local/index.ts';
import { createOpenAIModel } from './openai.ts';
import type { CopilotModel } from './types.ts';

export type ModelEnv = Pick<Env, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_MODEL' | 'ANTHROPIC_API_KEY' | 'ANTHROPIC_BASE_URL' | 'ANTHROPIC_MODEL'>;

/** The copilot's model from the configuration: an OpenAI key -> OpenAI, an Anthropic key -> Anthropic, else the offline model. */
export function createModelFromEnv(env: ModelEnv): CopilotModel {
  if (env.OPENAI_API_KEY) {
    return createOpenAIModel({ apiKey: env.OPENAI_API_KEY, model: env.OPENAI_MODEL, ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}) });
  }
  if (env.ANTHROPIC_API_KEY) {
    return createAnthropicModel({ apiKey: env.ANTHROPIC_API_KEY, model: env.ANTHROPIC_MODEL, ...(env.ANTHROPIC_BASE_URL ? { baseURL: env.ANTHROPIC_BASE_URL } : {}) });
  }
  return createLocalModel();
}
