import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.ts';
import type { CopilotEvent } from '../../graph/events.ts';
import { answerMessage, approvalMessage, escapeSlack, type RenderedMessage } from './blocks.ts';

// One copilot turn, answered in a Slack thread. Progress while tools run: the assistant status in an assistant
// thread, else a placeholder message edited as tools start; then the answer (Block Kit) replaces the placeholder
// and each approval the turn waits for gets its own message with Approve / Reject buttons.

export interface SlackThreadTarget {
  client: webApi.WebClient;
  channel: string;
  threadTs: string;
  /** who asked: the only one whose button presses count */
  slackUserId: string;
  /** assistant.threads.setStatus for this thread, when it is an assistant thread */
  setStatus?: (status: string) => Promise<unknown>;
}

export interface TurnOutcome {
  answered: boolean;
  approvals: string[];
  error?: { code: string; message: string };
}

interface Progress {
  show(status: string): Promise<void>;
  finish(message: RenderedMessage): Promise<void>;
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
  };
}

const toolStatus = (name: string) => `Running ${name.replace(/_/g, ' ')}…`;

export async function answerInThread(target: SlackThreadTarget, events: AsyncIterable<CopilotEvent>, options: { publicUrl: string; log: Logger }): Promise<TurnOutcome> {
  const progress = target.setStatus ? statusProgress(target, target.setStatus, options.log) : placeholderProgress(target);
  let shown = 'Working on it…';
  await progress.show(shown);
  let answer: Extract<CopilotEvent, { type: 'answer' }> | undefined;
  let error: { code: string; message: string } | undefined;
  const approvals: Extract<CopilotEvent, { type: 'approval_required' }>[] = [];
  for await (const event of events) {
    if (event.type === 'tool_start' && toolStatus(event.name) !== shown) {
      shown = toolStatus(event.name);
      await progress.show(shown);
    } else if (event.type === 'answer') answer = event;
    else if (event.type === 'approval_required') approvals.push(event);
    else if (event.type === 'error') error = { code: event.code, message: event.message };
  }

  if (error) {
    await progress.finish({ text: `:warning: ${escapeSlack(error.message)}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:warning: ${escapeSlack(error.message)}` } }] });
  } else if (answer && answer.text.trim() !== '') {
    await progress.finish(answerMessage(answer.text, answer.citations, options.publicUrl));
  } else if (approvals.length > 0) {
    const text = approvals.length === 1 ? 'This change needs your approval:' : `These ${approvals.length} changes need your approval:`;
    await progress.finish({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
  } else {
    await progress.finish({ text: 'Done.', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Done.' } }] });
  }
  for (const approval of approvals) {
    await target.client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, ...approvalMessage(approval, target.slackUserId) });
  }
  return { answered: answer !== undefined, approvals: approvals.map((a) => a.approvalId), ...(error ? { error } : {}) };
}
