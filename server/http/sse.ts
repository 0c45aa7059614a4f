import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CopilotEvent } from '../../graph/events.ts';

// A copilot turn as Server-Sent Events: one `event: <type>` per CopilotEvent, its JSON as data, in order;
// the stream ends after the turn's last event (answer or error).

export function wantsEventStream(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').split(',').some((type) => type.trim().startsWith('text/event-stream'));
}

export function formatEvent(event: CopilotEvent): string {
  // JSON never contains a raw newline, so one data line carries the whole event
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export async function streamEvents(request: FastifyRequest, reply: FastifyReply, events: AsyncIterable<CopilotEvent>): Promise<void> {
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-request-id': request.id,
    // proxies such as nginx buffer responses unless told not to
    'x-accel-buffering': 'no',
  });
  let closed = false;
  response.on('close', () => {
    closed = true;
  });
  try {
    // a client that left is not waited on: the turn's signal is aborted and its events drain unwritten until
    // the copilot has undone it (breaking out here would end the turn before its checkpoints are rolled back)
    for await (const event of events) {
      if (!closed) response.write(formatEvent(event));
    }
  } catch (error) {
    request.log.error({ err: error }, 'chat stream failed');
    if (!closed) response.write(formatEvent({ type: 'error', code: 'internal', message: 'The answer could not be finished' }));
  } finally {
    if (!closed) response.end();
  }
}
