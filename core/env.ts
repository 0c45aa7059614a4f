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

const bytes = z.coerce
  .number({ message: 'must be a number of bytes' })
  .int('must be a whole number of bytes')
  .min(1024, 'must be at least 1024 bytes')
  .max(1_073_741_824, 'must be at most 1 GiB');

const perMinute = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000');

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
  // Who acts on a loopback server before any API key exists, and for the CLIs and bridges that send the
  // owner token (by email; when it is not in the store, the store's first admin).
  DEALWISE_LOCAL_USER: z.email('must be an email address').default('admin@dealwise.demo'),
  // Scheduled briefings (server/briefings): off = this server posts none (another replica may).
  BRIEFINGS_ENABLED: flag.default(true),
  // a slot missed by up to this many minutes (downtime) is still posted, the newest only; older ones are skipped
  BRIEFING_CATCHUP_MINUTES: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be at least 0').max(10_080, 'must be at most 10080 (a week)').default(60),
  BRIEFING_MAX_ATTEMPTS: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(20, 'must be at most 20').default(5),
  // first retry after this many seconds, doubling each time (capped at an hour)
  BRIEFING_RETRY_SECONDS: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(3600, 'must be at most 3600').default(60),
  BRIEFING_TICK_SECONDS: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(600, 'must be at most 600').default(30),
  // HTTP limits: body bytes (ingest_* tool calls and MCP may carry a file: HTTP_UPLOAD_LIMIT), requests per
  // minute per API key or webhook source, failed authentications per minute per address.
  HTTP_BODY_LIMIT: bytes.default(1_048_576),
  HTTP_UPLOAD_LIMIT: bytes.default(33_554_432),
  RATE_LIMIT_PER_MINUTE: perMinute.default(300),
  AUTH_FAILURES_PER_MINUTE: perMinute.default(20),
  // Microsoft Teams bot (server/teams): no Teams routes unless TEAMS_APP_ID and TEAMS_APP_PASSWORD are set.
  TEAMS_APP_ID: optionalString,
  TEAMS_APP_PASSWORD: optionalString,
  TEAMS_TENANT_ID: optionalString,
  // Overrides for the Bot Framework endpoints (defaults: Microsoft's public cloud); tests point them at local stand-ins.
  TEAMS_OPENID_METADATA_URL: optionalString.pipe(z.url('must be a URL').optional()),
  TEAMS_TOKEN_URL: optionalString.pipe(z.url('must be a URL').optional()),
  TEAMS_USER_TOKEN_URL: optionalString.pipe(z.url('must be a URL').optional()),
  // Bot Connector for proactive posts (briefings); replies use each activity's own serviceUrl.
  TEAMS_SERVICE_URL: optionalString.pipe(z.url('must be a URL').optional()),
  // Where people open the web page; Slack and Teams answers link records as <PUBLIC_URL>/#/deals/<id> (default: the server's own address).
  PUBLIC_URL: optionalString.pipe(z.url('must be a URL').optional()),
  // Slack app (server/slack): no Slack routes unless the bot token is set. Over HTTP it needs the signing
  // secret; with an app-level token (xapp-) it connects over Socket Mode instead.
  SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith('xoxb-', 'must be a bot token (xoxb-...)').optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith('xapp-', 'must be an app-level token (xapp-...)').optional()),
  // Slack's Web API base (tests point it at a local stand-in)
  SLACK_API_URL: optionalString.pipe(z.url('must be a URL').optional()),
  // `npm run mcp`: which tools to offer when no --toolset is given: all, read-only, or agent names (lead,analytics)
  DEALWISE_MCP_TOOLSET: z.string().trim().regex(/^[a-z,-]+$/, 'must be all, read-only, or agent names separated by commas').default('all'),
  // Test-only (npm run test:faults): the named crash point (core/faults.ts) at which this process SIGKILLs itself.
  DEALWISE_FAULT_AT: optionalString.pipe(z.string().regex(/^[a-z][a-z0-9_:-]*$/, 'must be a crash point name like wf:before-save:nurture').optional()),
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
    if (Boolean(env.TEAMS_APP_ID) !== Boolean(env.TEAMS_APP_PASSWORD)) {
      throw new AppError('config:invalid', 'Invalid configuration: TEAMS_APP_ID and TEAMS_APP_PASSWORD go together (set both for the Teams bot, or neither)');
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      throw new AppError('config:invalid', 'Invalid configuration: SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)');
    }
    if (!env.SLACK_BOT_TOKEN && (env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN)) {
      throw new AppError('config:invalid', 'Invalid configuration: the Slack app needs SLACK_BOT_TOKEN too');
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

/** DEALWISE_FAULT_AT alone, for core/faults.ts: read without parsing the rest (library code and workers call it too). */
export function faultPointFromEnv(): string | undefined {
  return envSchema.shape.DEALWISE_FAULT_AT.parse(process.env.DEALWISE_FAULT_AT);
}

/** The process environment, parsed once. */
export function loadEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
