import type { App } from '@microsoft/teams.apps';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../core/logger.ts';
import { collectTurn, type TurnSummary } from '../../graph/collect.ts';
import type { Copilot, CopilotEvent } from '../../graph/copilot.ts';
import type { TeamsState } from '../../tools/channels/teams-state.ts';
import type { BotTokenSource } from './bot-token.ts';
import { answerCard, approvalCard, cardAttachment, decidedCard, isApprovalActionData, ADAPTIVE_CARD, type AdaptiveCard, type ApprovalActionData, type ApprovalVerb } from './cards.ts';
import type { TeamsConfig } from './config.ts';
import { FastifyTeamsAdapter } from './fastify-adapter.ts';
import { createTeamsApp } from './sdk-app.ts';
import { resolveTeamsUser, unknownUserText, type TeamsMemberApi, type TeamsSender, type TeamsUser } from './users.ts';

// The Teams bot: the SDK receives and authenticates activities on our fastify server; personal chats and channel
// mentions go to the copilot, answers and approvals come back as Adaptive Cards. Work that can outlast the Bot
// Connector's 15 s timeout runs after the HTTP answer, and each activity is claimed once so a redelivery is ignored.

export interface TeamsBotDeps {
  config: TeamsConfig;
  fastify: FastifyInstance;
  /** undefined while the store is still opening */
  copilot(): Copilot | undefined;
  state(): TeamsState | undefined;
  log: Logger;
  tokenSource?: BotTokenSource;
}

export interface TeamsBot {
  app: App;
  /** resolves when every answer started so far has been posted (tests, shutdown) */
  idle(): Promise<void>;
}

/** The part of the SDK's activity context we use (its send/reply resolve the conversation and serviceUrl). */
interface TeamsTurn {
  activity: {
    id: string;
    text?: string;
    value?: unknown;
    replyToId?: string;
    from: TeamsSender;
    conversation: { id: string; conversationType?: string };
  };
  api: TeamsMemberApi;
  send(activity: { type: 'message' | 'typing'; id?: string; text?: string; attachments?: { contentType: string; content: unknown }[] }): Promise<{ id: string }>;
}

type Started = { ok: true; by: string } | { ok: false; message: string };
const NEW_THREAD = /^(new|reset|start over)$/i;
const STARTING = 'Dealwise is still starting. Try again in a moment.';
const NOT_YOURS = 'Only the person who asked can approve or reject this.';
const GONE = 'This change is no longer waiting for a decision.';

export async function mountTeamsBot(deps: TeamsBotDeps): Promise<TeamsBot> {
  const { config, log } = deps;
  const app = createTeamsApp(config, { log, adapter: new FastifyTeamsAdapter(deps.fastify), ...(deps.tokenSource ? { tokenSource: deps.tokenSource } : {}) });

  // the SDK skips token validation for an App without credentials: never serve one
  if (!app.credentials) throw new Error('Teams bot: the SDK has no credentials, so it would not validate incoming tokens');

  const running = new Set<Promise<void>>();
  const later = (what: string, turn: TeamsTurn, work: () => Promise<void>) => {
    const job = work()
      .catch(async (error: unknown) => {
        log.error({ err: error, activityId: turn.activity.id }, `teams: ${what} failed`);
        await turn.send({ type: 'message', text: 'Sorry, something went wrong on my side. Try again, or ask an admin to check the server log.' }).catch(() => undefined);
      })
      .finally(() => running.delete(job));
    running.add(job);
  };

  // best effort: a lost typing indicator must not cost the answer
  const typing = (turn: TeamsTurn) => turn.send({ type: 'typing' }).catch((error: unknown) => log.warn({ err: error }, 'teams: typing indicator failed'));
  const sendCard = (turn: TeamsTurn, content: AdaptiveCard, id?: string) =>
    turn.send({ type: 'message', ...(id ? { id } : {}), attachments: [cardAttachment(content)] });

  async function postTurn(turn: TeamsTurn, result: TurnSummary, requesterId: string): Promise<void> {
    if (result.answer || result.error || result.approvals.length === 0) await sendCard(turn, answerCard(result, config.publicUrl));
    for (const approval of result.approvals) await sendCard(turn, approvalCard(approval, requesterId));
  }

  /** keeps the conversation -> thread mapping, and shows Teams' typing indicator again as each tool starts */
  async function* remember(events: AsyncIterable<CopilotEvent>, state: TeamsState, turn: TeamsTurn, userId: string): AsyncGenerator<CopilotEvent> {
    for await (const event of events) {
      if (event.type === 'thread') await state.rememberThread(turn.activity.conversation.id, userId, event.threadId);
      if (event.type === 'tool_start') await typing(turn);
      yield event;
    }
  }

  async function answer(turn: TeamsTurn, copilot: Copilot, state: TeamsState, user: Extract<TeamsUser, { known: true }>, text: string): Promise<void> {
    const conversationId = turn.activity.conversation.id;
    if (NEW_THREAD.test(text)) {
      await state.forgetThread(conversationId, user.actor.userId);
      await turn.send({ type: 'message', text: 'Starting a fresh conversation.' });
      return;
    }
    await typing(turn);
    const threadId = await state.threadFor(conversationId, user.actor.userId);
    const actor = { ...user.actor, email: user.email, name: user.name };
    const events = copilot.send({ ...(threadId ? { threadId } : {}), message: text, actor });
    await postTurn(turn, await collectTurn(remember(events, state, turn, user.actor.userId)), user.actor.userId);
  }

  /**
   * Records the decision now (so the card can say so), and resumes the graph in the background.
   * Refused unless the clicker is the person who asked.
   */
  async function startDecision(turn: TeamsTurn, copilot: Copilot, state: TeamsState, data: ApprovalActionData, verb: ApprovalVerb): Promise<Started> {
    const user = await resolveTeamsUser(turn.api, state, turn.activity.conversation.id, turn.activity.from);
    if (!user.known) return { ok: false, message: unknownUserText(user) };
    if (user.actor.userId !== data.requesterId) return { ok: false, message: NOT_YOURS };
    // the card's data comes back from the client: the approval must be pending in this user's own thread here
    const threadId = await state.threadFor(turn.activity.conversation.id, user.actor.userId);
    const pending = threadId ? await copilot.pendingApprovals(threadId) : [];
    if (!pending.some((approval) => approval.approvalId === data.approvalId)) return { ok: false, message: GONE };
    const events = remember(copilot.decide({ actor: user.actor, approvalId: data.approvalId, decision: verb }), state, turn, user.actor.userId);
    const iterator = events[Symbol.asyncIterator]();
    const first = await iterator.next();
    if (first.done) return { ok: false, message: 'Nothing to decide any more.' };
    if (first.value.type === 'error') return { ok: false, message: first.value.message };
    const rest: AsyncIterable<CopilotEvent> = { [Symbol.asyncIterator]: () => iterator };
    later('approval', turn, async () => {
      const result = await collectTurn(rest);
      if (result.answer || result.error || result.approvals.length > 0) await postTurn(turn, result, user.actor.userId);
    });
    return { ok: true, by: user.name };
  }

  const verbOf = (value: unknown): ApprovalVerb | undefined => (value === 'approve' || value === 'reject' ? value : undefined);

  app.on('message', async (ctx) => {
    const turn = ctx as unknown as TeamsTurn;
    const { activity } = turn;
    const copilot = deps.copilot();
    const state = deps.state();
    if (!copilot || !state) return void (await turn.send({ type: 'message', text: STARTING }));
    if (!(await state.claimActivity(activity.conversation.id, activity.id))) return log.info({ activityId: activity.id }, 'teams: redelivered activity ignored');

    // Action.Submit from an approval card arrives as a message whose value is the button's data
    const submitted = activity.value as (ApprovalActionData & { verb?: string }) | undefined;
    if (isApprovalActionData(submitted)) {
      const verb = verbOf(submitted.verb);
      if (!verb) return void (await turn.send({ type: 'message', text: 'That button did not say approve or reject.' }));
      const started = await startDecision(turn, copilot, state, submitted, verb);
      if (!started.ok) return void (await turn.send({ type: 'message', text: started.message }));
      if (activity.replyToId) await sendCard(turn, decidedCard(submitted.tool, verb, started.by), activity.replyToId);
      return;
    }

    const text = (activity.text ?? '').trim();
    if (!text) return;
    later('answer', turn, async () => {
      const user = await resolveTeamsUser(turn.api, state, activity.conversation.id, activity.from);
      if (!user.known) return void (await turn.send({ type: 'message', text: unknownUserText(user) }));
      await answer(turn, copilot, state, user, text);
    });
  });

  // Action.Execute (Universal Actions): the invoke's answer replaces the card, or shows a short message
  app.on('card.action', async (ctx) => {
    const turn = ctx as unknown as TeamsTurn;
    const message = (value: string) => ({ statusCode: 200 as const, type: 'application/vnd.microsoft.activity.message' as const, value });
    const action = (turn.activity.value as { action?: { verb?: string; data?: unknown } } | undefined)?.action;
    const copilot = deps.copilot();
    const state = deps.state();
    if (!copilot || !state) return message(STARTING);
    const verb = verbOf(action?.verb);
    if (!verb || !isApprovalActionData(action?.data)) return message('That button is not one of mine.');
    if (!(await state.claimActivity(turn.activity.conversation.id, turn.activity.id))) return message('Already handled.');
    const started = await startDecision(turn, copilot, state, action.data, verb);
    if (!started.ok) return message(started.message);
    return { statusCode: 200 as const, type: ADAPTIVE_CARD, value: decidedCard(action.data.tool, verb, started.by) as never };
  });

  await app.initialize();
  return {
    app,
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
