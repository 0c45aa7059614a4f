import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { sendError } from '../http/reply-error.ts';
import { verifySlackSignature } from './signature.ts';

// Bolt's custom receiver on our fastify server (bolt-js examples/custom-receiver): one route takes Events API
// callbacks, slash commands and interactions, verifies Slack's signature over the raw body, and hands the
// parsed body to app.processEvent. The HTTP reply goes out as soon as a listener acks (Slack wants it within
// 3 s); the listener's work goes on after it, answering in the thread.

export const SLACK_EVENTS_PATH = '/slack/events';

export interface FastifyReceiverOptions {
  signingSecret: string;
  clock: Clock;
  log: Logger;
}

/** Slack posts JSON (Events API) or a form: slash commands as fields, interactions as one `payload` JSON field. */
export function parseSlackBody(rawBody: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(rawBody);
    const payload = form.get('payload');
    if (payload !== null) return JSON.parse(payload) as Record<string, unknown>;
    return Object.fromEntries(form.entries());
  }
  return JSON.parse(rawBody) as Record<string, unknown>;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export class FastifyReceiver implements Receiver {
  private app: App | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: FastifyReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  // the route lives as long as the fastify server: nothing to start or stop here
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return this.idle();
  }

  /** Resolves when every event handed to Bolt has finished (listeners included): tests and shutdown wait here. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Registers the route in its own encapsulated scope: its raw-body parsers do not leak into other routes. */
  async register(server: FastifyInstance): Promise<void> {
    await server.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      scope.post(SLACK_EVENTS_PATH, (request, reply) => this.handle(request, reply));
    });
  }

  private async handle(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const { log, clock, signingSecret } = this.options;
    const rawBody = typeof request.body === 'string' ? request.body : '';
    const retryNum = header(request, 'x-slack-retry-num');
    const check = verifySlackSignature({
      signingSecret,
      timestamp: header(request, 'x-slack-request-timestamp'),
      signature: header(request, 'x-slack-signature'),
      rawBody,
      now: clock.now(),
    });
    if (!check.ok) {
      log.warn({ reason: check.reason, ip: request.ip, retryNum }, 'slack request refused: signature check failed');
      return sendError(reply, 401, { code: 'unauthorized:slack_signature', message: 'The Slack request signature is missing, stale or wrong' });
    }
    let body: Record<string, unknown>;
    try {
      body = parseSlackBody(rawBody, header(request, 'content-type'));
    } catch {
      return sendError(reply, 400, { code: 'invalid_input', message: 'body: not a Slack payload (JSON or form)' });
    }
    // Slack checks the request URL once, when the app's event subscription is saved
    if (body.type === 'url_verification') return reply.send({ challenge: body.challenge });
    if (!this.app) return sendError(reply, 503, { code: 'starting', message: 'The Slack app is not ready' });

    let acked = false;
    let answer!: (response: unknown) => void;
    const acknowledged = new Promise<unknown>((resolve) => (answer = resolve));
    const event: ReceiverEvent = {
      body,
      ...(retryNum !== undefined ? { retryNum: Number(retryNum) } : {}),
      ...(header(request, 'x-slack-retry-reason') ? { retryReason: header(request, 'x-slack-retry-reason') } : {}),
      ack: async (response?: unknown) => {
        if (acked) return log.debug('slack: ack called twice');
        acked = true;
        answer(response);
      },
    };
    const processing = this.app
      .processEvent(event)
      .catch((error: unknown) => log.error({ err: error }, 'slack event failed'))
      .finally(() => {
        this.inFlight.delete(processing);
        // nothing acked (no listener for it): answer anyway so Slack does not retry
        if (!acked) answer(undefined);
      });
    this.inFlight.add(processing);
    const response = await acknowledged;
    if (response === undefined || response === '') return reply.code(200).send('');
    if (typeof response === 'string') return reply.code(200).type('text/plain').send(response);
    return reply.code(200).send(response);
  }
}
