import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';

const messageOf = (source: Record<string, string>): string => {
  try {
    parseEnv(source);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected parseEnv to throw');
};

describe('parseEnv', () => {
  it('gives working defaults with an empty environment', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe('./.data');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.EMBEDDINGS).toBe('local');
    expect(env.SEED_ON_EMPTY).toBe(true);
    expect(env.DEMO_SCALE).toBe(1);
  });

  it('treats an empty DATABASE_URL as unset and accepts postgres URLs', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
    expect(parseEnv({ DATABASE_URL: 'postgres://u:p@localhost:5432/db' }).DATABASE_URL).toBe(
      'postgres://u:p@localhost:5432/db',
    );
  });

  it('coerces numbers and flags', () => {
    const env = parseEnv({ PORT: '8080', DEMO_SCALE: '0.5', SEED_ON_EMPTY: 'false' });
    expect(env.PORT).toBe(8080);
    expect(env.DEMO_SCALE).toBe(0.5);
    expect(env.SEED_ON_EMPTY).toBe(false);
  });

  it('names the variable and the bad value in one line', () => {
    expect(messageOf({ PORT: 'abc' })).toBe('Invalid configuration: PORT must be a number (got "abc")');
    expect(messageOf({ PORT: '70000' })).toBe('Invalid configuration: PORT must be between 0 and 65535 (got "70000")');
    expect(messageOf({ DATABASE_URL: 'mysql://x' })).toBe(
      'Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL (got "mysql://x")',
    );
    expect(messageOf({ LOG_LEVEL: 'loud' })).toMatch(/^Invalid configuration: LOG_LEVEL must be one of fatal, .*silent \(got "loud"\)$/);
    expect(messageOf({ SEED_ON_EMPTY: 'maybe' })).toBe('Invalid configuration: SEED_ON_EMPTY must be true or false (got "maybe")');
    expect(messageOf({ DEMO_SCALE: '0' })).toBe('Invalid configuration: DEMO_SCALE must be greater than 0 (got "0")');
    expect(messageOf({ PORT: 'x' }).split('\n')).toHaveLength(1);
  });

  it('refuses OpenAI embeddings without a key', () => {
    expect(messageOf({ EMBEDDINGS: 'openai' })).toBe(
      'Invalid configuration: EMBEDDINGS=openai needs OPENAI_API_KEY to be set',
    );
    expect(parseEnv({ EMBEDDINGS: 'openai', OPENAI_API_KEY: 'sk-test' }).EMBEDDINGS).toBe('openai');
    expect(parseEnv({ EMBEDDINGS: 'local-semantic' }).EMBEDDINGS).toBe('local-semantic');
  });
});
