// The briefing delivery interface: the scheduler posts through it; Slack, Teams and the email outbox each
// implement it (server/slack/briefing-channel.ts, server/teams/briefing-channel.ts, ./email-channel.ts).

export interface BriefingMessage {
  deliveryId: string;
  title: string;
  text: string;
  /** optional Block Kit / Adaptive Card body built by the channel */
}

export interface BriefingChannel {
  readonly kind: 'slack' | 'teams' | 'email';
  /** posts to target (Slack channel/user id, Teams conversation id, email address); returns the platform's message id.
   *  Must carry deliveryId in the message where find() can see it (e.g. Slack message metadata). */
  post(target: string, message: BriefingMessage): Promise<{ messageId: string }>;
  /** after a crash between post and record: the message already posted for this delivery, if the platform can tell; absent = cannot tell */
  find?(target: string, deliveryId: string, since: Date): Promise<string | undefined>;
}

/** The channels a scheduler posts through, by kind; a schedule whose kind is missing fails with a clear error. */
export type BriefingChannels = Partial<Record<BriefingChannel['kind'], BriefingChannel>>;
