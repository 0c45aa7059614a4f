import type { Env } from '../../core/env.ts';
import { briefingLedger } from '../../tools/automation/briefing-ledger.ts';
import type { ToolRegistry } from '../../tools/registry.ts';
import type { Runtime } from '../../tools/runtime.ts';
import type { BriefingChannels } from './channel.ts';
import { slackBriefingChannelFor } from '../slack/briefing-channel.ts';
import { teamsConfigFromEnv } from '../teams/config.ts';
import { teamsBriefingChannel } from '../teams/briefing-channel.ts';
import { emailChannel } from './email-channel.ts';
import { briefingFromTool } from './generate.ts';
import { createBriefingScheduler, type BriefingScheduler } from './scheduler.ts';

// The server's scheduled briefings: channels by kind, the policy from the environment, ticking on the
// runtime's clock. Slack and Teams post through their adapters when they are configured.

const LEASE_MS = 10 * 60_000;
const RETRY_CAP_MS = 60 * 60_000;
// well inside the lease, so a slow post is never reconciled while it may still be answered
const POST_TIMEOUT_MS = 2 * 60_000;

export function startBriefings(runtime: Runtime, env: Env, registry: ToolRegistry): BriefingScheduler {
  const ledger = briefingLedger(runtime.db);
  const teams = teamsConfigFromEnv(env);
  const channels: BriefingChannels = {
    email: emailChannel(ledger, runtime.clock),
    ...(env.SLACK_BOT_TOKEN ? { slack: slackBriefingChannelFor(env.SLACK_BOT_TOKEN, env.SLACK_API_URL) } : {}),
    ...(teams ? { teams: teamsBriefingChannel({ config: teams, log: runtime.log }) } : {}),
  };
  const scheduler = createBriefingScheduler({
    ledger,
    channels,
    generate: briefingFromTool(registry, { db: runtime.db, log: runtime.log, embedder: runtime.embedder }),
    clock: runtime.clock,
    log: runtime.log.child({ part: 'briefings' }),
    policy: { leaseMs: LEASE_MS, maxAttempts: env.BRIEFING_MAX_ATTEMPTS, retryBaseMs: env.BRIEFING_RETRY_SECONDS * 1000, retryCapMs: RETRY_CAP_MS, postTimeoutMs: POST_TIMEOUT_MS },
    catchupMs: env.BRIEFING_CATCHUP_MINUTES * 60_000,
    tickMs: env.BRIEFING_TICK_SECONDS * 1000,
  });
  scheduler.start();
  return scheduler;
}
