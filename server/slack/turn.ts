import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.ts';
import type { CopilotEvent } from '../../graph/events.ts';
import { answerMessage, approvalMessage, escapeSlack, type RenderedMessage } from './blocks.ts';

// One copilot turn, answered in a Slack thread. Progress while tools run: the assistant status in an assistant
// thread, else a placeholder message edited as tools start. A model that streams its answer (OpenAI, Anthropic)
// is streamed with Slack's chat.startStream/appendStream/stopStream where Slack offers them. Then the answer in
// Block Kit replaces the placeholder (or the streamed text), and each approval the turn waits for gets its own
// message with Approve / Reject buttons.

export interface SlackThreadTarget {
  client: webApi.WebClient;
  channel: string;
  threadTs: string;
  /** who asked: the only one whose button presses count */
  slackUserId: string;
  /** assistant.threads.setStatus for this thread, when it is an assistant thread */
  setStatus?: (status: string) => Promise<unknown>;
  /** the asker's workspace: streaming needs it (recipient_team_id); without it the answer is not streamed */
  teamId?: string;
}

export interface TurnOutcome {
  answered: boolean;
  approvals: string[];
  error?: { code: string; message: string };
}

interface Progress {
  show(status: string): Promise<void>;
  finish(message: RenderedMessage): Promise<void>;
  /** the answer went out as a streamed message instead: take the progress away */
  discard(): Promise<void>;
}

function statusProgress(target: SlackThreadTarget, setStatus: (status: string) => Promise<unknown>, log: Logger): Progress {
  return {
    async show(status) {
      // a status that cannot be shown is no reason to lose the answer
      await setStatus(status).catch((error: unknown) => log.debug({ err: error }, 'slack: status not shown'));
    },
    async finish(message) {
      // Slack clears the status when the app replies in the thread
      await target.client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, ...message });
    },
    // Slack clears the status when the streamed reply starts
    discard: async () => {},
  };
}

function placeholderProgress(target: SlackThreadTarget): Progress {
  let ts: string | undefined;
  return {
    async show(status) {
      const text = `:hourglass_flowing_sand: ${status}`;
      if (ts) await target.client.chat.update({ channel: target.channel, ts, text, blocks: [] });
      else ts = (await target.client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, text })).ts;
    },
    async finish(message) {
      if (ts) await target.client.chat.update({ channel: target.channel, ts, ...message });
      else await target.client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, ...message });
    },
    async discard() {
      if (ts) await target.client.chat.delete({ channel: target.channel, ts });
    },
  };
}

/** Streams the model's tokens into one message; the first failure (e.g. no streaming here) turns it off. */
function tokenStream(target: SlackThreadTarget, log: Logger) {
  let streamer: ReturnType<webApi.WebClient['chatStream']> | undefined;
  let failed = !target.teamId;
  const off = (error: unknown) => {
    failed = true;
    log.info({ err: error }, 'slack: streaming not available here, answering in one message');
  };
  return {
    async append(text: string) {
      if (failed) return;
      try {
        streamer ??= target.client.chatStream({ channel: target.channel, thread_ts: target.threadTs, recipient_team_id: target.teamId!, recipient_user_id: target.slackUserId });
        await streamer.append({ markdown_text: text });
      } catch (error) {
        off(error);
      }
    },
    /** ends the stream; the streamed message's ts, if one was started */
    async close(): Promise<string | undefined> {
      if (streamer && !failed) await streamer.stop().catch(off);
      return streamer?.ts;
    },
  };
}

const toolStatus = (name: string) => `Running ${name.replace(/_/g, ' ')}…`;

export async function answerInThread(target: SlackThreadTarget, events: AsyncIterable<CopilotEvent>, options: { publicUrl: string; log: Logger }): Promise<TurnOutcome> {
  const progress = target.setStatus ? statusProgress(target, target.setStatus, options.log) : placeholderProgress(target);
  const stream = tokenStream(target, options.log);
  let shown = 'Working on it…';
  await progress.show(shown);
  let answer: Extract<CopilotEvent, { type: 'answer' }> | undefined;
  let error: { code: string; message: string } | undefined;
  const approvals: Extract<CopilotEvent, { type: 'approval_required' }>[] = [];
  for await (const event of events) {
    if (event.type === 'tool_start' && toolStatus(event.name) !== shown) {
      shown = toolStatus(event.name);
      await progress.show(shown);
    } else if (event.type === 'token') await stream.append(event.text);
    else if (event.type === 'answer') answer = event;
    else if (event.type === 'approval_required') approvals.push(event);
    else if (event.type === 'error') error = { code: event.code, message: event.message };
  }

  const final = finalMessage(answer, error, approvals.length, options.publicUrl);
  // the streamed text is replaced by the Block Kit answer: the same words, tables as lines, sources linked
  const streamedTs = await stream.close();
  if (streamedTs) {
    await target.client.chat.update({ channel: target.channel, ts: streamedTs, ...final });
    await progress.discard();
  } else {
    await progress.finish(final);
  }
  for (const approval of approvals) {
    await target.client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, ...approvalMessage(approval, target.slackUserId) });
  }
  return { answered: answer !== undefined, approvals: approvals.map((a) => a.approvalId), ...(error ? { error } : {}) };
}

function finalMessage(answer: Extract<CopilotEvent, { type: 'answer' }> | undefined, error: { message: string } | undefined, approvals: number, publicUrl: string): RenderedMessage {
  const plain = (text: string): RenderedMessage => ({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
  if (error) return plain(`:warning: ${escapeSlack(error.message)}`);
  if (answer && answer.text.trim() !== '') return answerMessage(answer.text, answer.citations, publicUrl);
  if (approvals === 1) return plain('This change needs your approval:');
  if (approvals > 1) return plain(`These ${approvals} changes need your approval:`);
  return plain('Done.');
}
