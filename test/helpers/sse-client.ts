// Reads Server-Sent Events the way a browser or SDK client does: fetch, then the body's stream reader,
// splitting frames on blank lines as bytes arrive.

export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

export interface SseReader {
  /** the next event, or undefined when the stream ended */
  next(): Promise<SseEvent | undefined>;
  /** events up to and including the first of `type` */
  until(type: string): Promise<SseEvent[]>;
  rest(): Promise<SseEvent[]>;
}

export function readSse(body: ReadableStream<Uint8Array>): SseReader {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  async function next(): Promise<SseEvent | undefined> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(frame.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]));
        return { event: fields.event ?? 'message', data: JSON.parse(fields.data ?? 'null') as Record<string, unknown> };
      }
      const chunk = await reader.read();
      if (chunk.done) return undefined;
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  }
  return {
    next,
    async until(type) {
      const seen: SseEvent[] = [];
      for (let event = await next(); event; event = await next()) {
        seen.push(event);
        if (event.event === type) return seen;
      }
      throw new Error(`the stream ended before a ${type} event: ${seen.map((e) => e.event).join(', ')}`);
    },
    async rest() {
      const seen: SseEvent[] = [];
      for (let event = await next(); event; event = await next()) seen.push(event);
      return seen;
    },
  };
}
