import { AppError } from '../../core/errors.ts';

// Provider calls retry with exponential backoff on rate limits, server errors and timeouts; anything else
// (bad key, bad request) fails at once. After the last try the user gets one clear sentence, not a stack.

export interface RetryOptions {
  /** tries after the first */
  retries: number;
  /** first wait; doubles each time, with up to 25% jitter */
  baseDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 3, baseDelayMs: 500 };

export function statusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; response?: { status?: unknown }; cause?: unknown } | undefined;
  if (typeof e?.status === 'number') return e.status;
  if (typeof e?.response?.status === 'number') return e.response.status;
  if (e?.cause && e.cause !== error) return statusOf(e.cause);
  return undefined;
}

export function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined) return status === 408 || status === 409 || status === 429 || status >= 500;
  const text = `${(error as Error)?.name ?? ''} ${(error as Error)?.message ?? ''} ${(error as { code?: string })?.code ?? ''}`;
  return /timeout|timed out|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|network|fetch failed|APIConnectionError/i.test(text);
}

export async function withRetries<T>(provider: string, call: () => Promise<T>, options: RetryOptions = DEFAULT_RETRY): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryable(error) || attempt >= options.retries) throw providerError(provider, error, attempt + 1);
      await sleep(options.baseDelayMs * 2 ** attempt * (1 + random() * 0.25));
    }
  }
}

function providerError(provider: string, error: unknown, tries: number): AppError {
  const status = statusOf(error);
  const reason = status === 401 || status === 403 ? 'rejected the API key' : status === 429 ? 'is rate-limiting us' : status !== undefined && status >= 500 ? `had a server error (${status})` : status !== undefined ? `refused the request (${status})` : 'could not be reached';
  const after = isRetryable(error) ? ` after ${tries} tries` : '';
  return new AppError('model:unavailable', `${provider} ${reason}${after}. Try again in a minute, or check the ${provider} settings.`, { cause: error });
}
