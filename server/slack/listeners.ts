import { Assistant, type App, type BlockAction, type ButtonAction, type webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.ts';
import type { Copilot } from '../../graph/copilot.ts';
import type { SlackServices } from '../../tools/slack/services.ts';
import { APPROVE_ACTION, decidedMessage, parseButtonValue, REJECT_ACTION } from './blocks.ts';
import { answerInThread, type SlackThreadTarget } from './turn.ts';
import { identifySlackUser, unknownUserText } from './users.ts';

// What Slack sends, and where it goes: DMs, mentions, the assistant thread and /dealwise to copilot.send();
// Approve / Reject presses to copilot.decide(). A delivery already taken (a Slack retry, or another replica)
// stops at the first middleware.

export interface SlackListenerDeps {
  /** undefined while the store is still opening */
  copilot(): Copilot | undefined;
  services(): SlackServices | undefined;
  publicUrl: string;
  log: Logger;
}

export const SLASH_COMMAND = '/dealwise';
const USAGE = `Ask me about your pipeline, deals and leads: \`${SLASH_COMMAND} how is my pipeline?\`, or mention me in a thread, or DM me.`;
const STARTING = 'Dealwise is still starting: ask again in a minute.';

/** The key a delivery is remembered by: Slack's event id, or the interaction's trigger id. */
export function deliveryKey(body: Record<string, unknown>): string | undefined {
  if (body.type === 'event_callback' && typeof body.event_id === 'string') return `event:${body.event_id}`;
  if (typeof body.command === 'string' && typeof body.trigger_id === 'string') return `command:${body.trigger_id}`;
  if (body.type === 'block_actions' && typeof body.trigger_id === 'string') return `action:${body.trigger_id}`;
  return undefined;
}

/** The copilot thread of a Slack thread: one per person in it, since a copilot thread has one owner. */
export const copilotThreadId = (teamId: string, channel: string, threadTs: string, slackUserId: string) => `slack:${teamId}:${channel}:${threadTs}:${slackUserId}`;

interface Question {
  client: webApi.WebClient;
  teamId: string;
  channel: string;
  threadTs: string;
  slackUserId: string;
  text: string;
  setStatus?: SlackThreadTarget['setStatus'];
}

export function registerSlackListeners(app: App, deps: SlackListenerDeps): void {
  const { log } = deps;
  const reply = (q: Pick<Question, 'client' | 'channel' | 'threadTs'>, text: string) => q.client.chat.postMessage({ channel: q.channel, thread_ts: q.threadTs, text });

  app.use(async (args) => {
    const key = deliveryKey(args.body as unknown as Record<string, unknown>);
    const services = deps.services();
    if (key && services && !(await services.claimDelivery(key))) {
      log.info({ key, retryNum: args.context.retryNum, retryReason: args.context.retryReason }, 'slack: delivery already handled, not answered again');
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    await args.next();
  });

  async function ask(q: Question): Promise<void> {
    const copilot = deps.copilot();
    const services = deps.services();
    if (!copilot || !services) return void (await reply(q, STARTING));
    if (q.text.trim() === '') return void (await reply(q, USAGE));
    const identity = await identifySlackUser(q.client, services, q.slackUserId);
    if (!identity.ok) {
      log.info({ slackUser: q.slackUserId, reason: identity.reason }, 'slack: user not matched to a Dealwise user');
      return void (await reply(q, unknownUserText(identity)));
    }
    const threadId = copilotThreadId(q.teamId, q.channel, q.threadTs, q.slackUserId);
    const target: SlackThreadTarget = {
      client: q.client, channel: q.channel, threadTs: q.threadTs, slackUserId: q.slackUserId,
      ...(q.setStatus ? { setStatus: q.setStatus } : {}), ...(q.teamId ? { teamId: q.teamId } : {}),
    };
    await answerInThread(target, copilot.send({ threadId, message: q.text, actor: identity.actor }), deps);
  }

  app.event('app_mention', async ({ event, client, context }) => {
    if (!event.user || event.bot_id) return;
    const text = event.text.replace(new RegExp(`<@${context.botUserId ?? '[A-Z0-9]+'}>`, 'g'), '').trim();
    await ask({ client, teamId: context.teamId ?? '', channel: event.channel, threadTs: event.thread_ts ?? event.ts, slackUserId: event.user, text });
  });

  // the app's assistant thread (a DM container with a thread): status shown with assistant.threads.setStatus
  app.assistant(
    new Assistant({
      threadStarted: async ({ say, setSuggestedPrompts }) => {
        await say('Hi! I am Dealwise. Ask me about your pipeline, deals and leads.');
        await setSuggestedPrompts({
          prompts: [
            { title: 'My pipeline', message: 'How is my pipeline this quarter?' },
            { title: 'Deals at risk', message: 'Which of my deals are at risk?' },
            { title: 'Hot leads', message: 'Which leads should I call today?' },
          ],
        });
      },
      // the copilot reads no channel context: nothing to keep when the user switches channels
      threadContextChanged: async () => {},
      userMessage: async ({ message, client, context, setStatus }) => {
        if (message.subtype !== undefined || !message.user || message.bot_id || !message.thread_ts) return;
        await ask({ client, teamId: context.teamId ?? '', channel: message.channel, threadTs: message.thread_ts, slackUserId: message.user, text: message.text ?? '', setStatus: (status) => setStatus(status) });
      },
    }),
  );

  // plain DMs (a top-level message in the app's DM); thread replies in DMs are the assistant's
  app.message(async ({ message, client, context }) => {
    if (message.subtype !== undefined || message.channel_type !== 'im' || message.bot_id || !message.user) return;
    await ask({ client, teamId: context.teamId ?? '', channel: message.channel, threadTs: message.thread_ts ?? message.ts, slackUserId: message.user, text: message.text ?? '' });
  });

  app.command(SLASH_COMMAND, async ({ command, ack, client, respond }) => {
    if (command.text.trim() === '') return void (await ack({ response_type: 'ephemeral', text: USAGE }));
    await ack();
    // the question goes into the channel, so the answer has a thread to live in
    let ts: string | undefined;
    try {
      ts = (await client.chat.postMessage({ channel: command.channel_id, text: `<@${command.user_id}> asked: ${command.text}` })).ts;
    } catch (error) {
      log.info({ err: error, channel: command.channel_id }, 'slack: could not post in the channel of a slash command');
      await respond({ response_type: 'ephemeral', text: 'I cannot post in this conversation. Invite me (`/invite @Dealwise`) or DM me.' });
      return;
    }
    if (!ts) return;
    await ask({ client, teamId: command.team_id, channel: command.channel_id, threadTs: ts, slackUserId: command.user_id, text: command.text });
  });

  const decide = (decision: 'approve' | 'reject') =>
    async ({ ack, body, action, client }: { ack: () => Promise<void>; body: BlockAction<ButtonAction>; action: ButtonAction; client: webApi.WebClient }) => {
      await ack();
      const value = parseButtonValue(action.value);
      const channel = body.channel?.id;
      const message = body.message;
      if (!value || !channel || !message) return;
      const threadTs = (message.thread_ts as string | undefined) ?? message.ts;
      const notYours = (text: string) => client.chat.postEphemeral({ channel, user: body.user.id, thread_ts: threadTs, text });
      if (body.user.id !== value.askedBy) return void (await notYours(`Only <@${value.askedBy}>, who asked, can decide this.`));
      const copilot = deps.copilot();
      const services = deps.services();
      if (!copilot || !services) return void (await notYours(STARTING));
      const identity = await identifySlackUser(client, services, body.user.id);
      if (!identity.ok) return void (await notYours(unknownUserText(identity)));
      // the buttons go first, so the message shows the decision while the change runs
      const blocks = (message.blocks ?? []) as { block_id?: string; text?: { text?: string } }[];
      const summary = blocks.find((b) => b.block_id === 'approval_summary')?.text?.text ?? `Approval ${value.approvalId}`;
      await client.chat.update({ channel, ts: message.ts, ...decidedMessage(summary, decision, body.user.id) });
      const target: SlackThreadTarget = { client, channel, threadTs, slackUserId: body.user.id, ...(body.team?.id ? { teamId: body.team.id } : {}) };
      await answerInThread(target, copilot.decide({ actor: identity.actor, approvalId: value.approvalId, decision }), deps);
    };
  app.action<BlockAction<ButtonAction>>(APPROVE_ACTION, decide('approve'));
  app.action<BlockAction<ButtonAction>>(REJECT_ACTION, decide('reject'));
}
