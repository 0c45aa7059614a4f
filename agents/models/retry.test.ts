import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { isRetryable, withRetries } from './retry.ts';

const failing = (status: number) => Object.assign(new Error(`status ${status}`), { status });

describe('withRetries', () => {
  it('retries 429, 5xx and timeouts with doubling waits, then succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetries(
      'OpenAI',
      async () => {
        calls += 1;
        if (calls === 1) throw failing(429);
        if (calls === 2) throw failing(503);
        if (calls === 3) throw new Error('Request timed out.');
        return 'ok';
      },
      { retries: 3, baseDelayMs: 100, sleep: async (ms) => void waits.push(ms), random: () => 0 },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([100, 200, 400]);
  });

  it('fails at once on a bad key, naming the provider and the reason', async () => {
    let calls = 0;
    const error = await withRetries('Anthropic', async () => {
      calls += 1;
      throw failing(401);
    }, { retries: 3, baseDelayMs: 1, sleep: async () => undefined }).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe('Anthropic rejected the API key. Try again in a minute, or check the Anthropic settings.');
  });

  it('knows what is worth retrying', () => {
    expect([408, 409, 429, 500, 529].map((s) => isRetryable(failing(s)))).toEqual([true, true, true, true, true]);
    expect([400, 401, 403, 404].map((s) => isRetryable(failing(s)))).toEqual([false, false, false, false]);
    expect(isRetryable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
  });
});
