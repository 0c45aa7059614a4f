import type { BriefingChannel, BriefingMessage } from '../../server/briefings/channel.ts';

// A stand-in chat platform for briefing tests: it keeps every message posted (with the delivery id it
// carried, as Slack metadata would), can be told to fail the next posts, and can look messages up by
// delivery id, or not (a channel without find()).

export interface PostedMessage {
  messageId: string;
  target: string;
  deliveryId: string;
  title: string;
  text: string;
}

export class StandInPlatform {
  readonly posted: PostedMessage[] = [];
  private failures: { error: string; landed: boolean }[] = [];
  private counter = 0;

  /** the next n posts fail; landed = the message is stored before the error (a timeout after acceptance) */
  failNext(n: number, error = 'platform answered 503', landed = false): void {
    for (let i = 0; i < n; i++) this.failures.push({ error, landed });
  }

  post(target: string, message: BriefingMessage): { messageId: string } {
    const failure = this.failures.shift();
    if (failure && !failure.landed) throw new Error(failure.error);
    const messageId = `msg-${++this.counter}`;
    this.posted.push({ messageId, target, deliveryId: message.deliveryId, title: message.title, text: message.text });
    if (failure) throw new Error(failure.error);
    return { messageId };
  }

  find(target: string, deliveryId: string): string | undefined {
    return this.posted.find((m) => m.target === target && m.deliveryId === deliveryId)?.messageId;
  }

  /** a BriefingChannel of the given kind over this platform, with or without find() */
  channel(kind: BriefingChannel['kind'], withFind: boolean): BriefingChannel {
    const post = async (target: string, message: BriefingMessage) => this.post(target, message);
    if (!withFind) return { kind, post };
    return { kind, post, find: async (target, deliveryId) => this.find(target, deliveryId) };
  }
}
