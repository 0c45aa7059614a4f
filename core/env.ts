import { z } from 'zod';
import { AppError } from './errors.ts';

// The only place that reads process.env. Parsed once at start-up; a wrong value
// stops the process with one line naming the variable.

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

// z.enum with a message that reads well after the variable's name.
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `must be one of ${values.join(', ')}` });

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envSchema = z.object({
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./.data'),
  HOST: z.string().trim().min(1, 'must not be empty').default('127.0.0.1'),
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url('must be a URL').optional()),
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4.1-mini'),
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalString.pipe(z.url('must be a URL').optional()),
  ANTHROPIC_MODEL: z.string().trim().min(1).default('claude-sonnet-4-6'),
  // local: lexical hashing; local-semantic: offline word vectors + lexical (core/embeddings/local-semantic.ts)
  EMBEDDINGS: oneOf(['local', 'local-semantic', 'openai']).default('local'),
  OPENAI_EMBEDDING_MODEL: z.string().trim().min(1).default('text-embedding-3-small'),
  DEMO_SEED: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').default(42),
  DEMO_SCALE: z.coerce.number({ message: 'must be a number' }).positive('must be greater than 0').max(100).default(1),
  SEED_ON_EMPTY: flag.default(true),
  // Embedded store: rolling daily snapshots kept in DATA_DIR/backups (and as many taken before migrations).
  BACKUP_KEEP: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(365, 'must be at most 365').default(7),
  // Copilot turns running at once over HTTP; more are refused with 429 and Retry-After (not queued).
  CHAT_MAX_TURNS: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(4),
  // On SIGTERM/SIGINT: how long in-flight turns may run on before they are cancelled (and rolled back).
  SHUTDOWN_GRACE_MS: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be at least 0').max(600_000, 'must be at most 600000').default(10_000),
  // Until auth exists, HTTP and MCP act as this user (by email).
  DEALWISE_LOCAL_USER: z.email('must be an email address').default('admin@dealwise.demo'),
});

export type Env = z.infer<typeof envSchema>;

/** Parses a process-environment-like record; throws AppError('config:invalid') naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) {
    const env = parsed.data;
    if (env.EMBEDDINGS === 'openai' && !env.OPENAI_API_KEY) {
      throw new AppError('config:invalid', 'Invalid configuration: EMBEDDINGS=openai needs OPENAI_API_KEY to be set');
    }
    return env;
  }
  const issue = parsed.error.issues[0];
  const name = issue?.path.join('.') ?? 'environment';
  const got = typeof issue?.path[0] === 'string' ? source[issue.path[0]] : undefined;
  const shown = got === undefined ? '' : ` (got ${JSON.stringify(got.length > 40 ? `${got.slice(0, 40)}…` : got)})`;
  throw new AppError('config:invalid', `Invalid configuration: ${name} ${issue?.message ?? 'is invalid'}${shown}`);
}

let cached: Env | undefined;

/** The process environment, parsed once. */
export function loadEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
