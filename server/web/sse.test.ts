import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The page's SSE parser (public/sse.js, a browser module with no types) on the stream shapes a fetch body
// really delivers: events split across chunks, several in one chunk, CRLF line ends, comments.

type Parser = { push(chunk: string): void; end(): void };
const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public', 'sse.js');
const { createSseParser } = (await import(file)) as { createSseParser(onEvent: (type: string, data: string) => void): Parser };

function parse(chunks: string[]): [string, string][] {
  const events: [string, string][] = [];
  const parser = createSseParser((type, data) => events.push([type, data]));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

describe('createSseParser', () => {
  const stream = 'event: thread\ndata: {"type":"thread","threadId":"t1"}\n\nevent: token\ndata: {"type":"token","text":"Hi"}\n\n';

  it('yields each event with its type and data, however the stream is cut into chunks', () => {
    const expected = [
      ['thread', '{"type":"thread","threadId":"t1"}'],
      ['token', '{"type":"token","text":"Hi"}'],
    ];
    expect(parse([stream])).toEqual(expected);
    // every possible single cut, including inside "\n\n" and inside a field name
    for (let cut = 1; cut < stream.length; cut += 1) expect(parse([stream.slice(0, cut), stream.slice(cut)]), `cut at ${cut}`).toEqual(expected);
    expect(parse(stream.split(''))).toEqual(expected);
  });

  it('reads CRLF line ends, joins data lines with newlines, skips comments, and defaults the type to message', () => {
    expect(parse([': keep-alive\r\n\r\nevent: answer\r\ndata: a\r\ndata: b\r\n\r\ndata:no space\n\n'])).toEqual([
      ['answer', 'a\nb'],
      ['message', 'no space'],
    ]);
  });

  it('delivers a last event the server closed without a blank line, and nothing for a block without data', () => {
    expect(parse(['event: ping\n\nevent: answer\ndata: {}'])).toEqual([['answer', '{}']]);
  });
});
