import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../core/env.ts';
import { createModelFromEnv } from './index.ts';

describe('createModelFromEnv', () => {
  it('picks OpenAI with its key, Anthropic with its key, else the offline model', () => {
    expect(createModelFromEnv(parseEnv({ OPENAI_API_KEY: 'sk-1', OPENAI_MODEL: 'gpt-x', ANTHROPIC_API_KEY: 'a' })).id).toBe('openai:gpt-x');
    expect(createModelFromEnv(parseEnv({ ANTHROPIC_API_KEY: 'sk-ant' })).id).toBe('anthropic:claude-sonnet-4-6');
    expect(createModelFromEnv(parseEnv({})).id).toBe('local');
  });
});
