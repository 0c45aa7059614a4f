import { createReadStream } from 'node:fs';

// Streaming MBOX reader: the file is read in 1 MB chunks and cut into messages at "From " separator
// lines, so a 1 GB mailbox never sits in memory (one message at a time does). Bytes stay bytes
// until the MIME parser decodes them: 8-bit Latin-1 bodies survive.
//
// A separator is "From " + one token + nothing, or + something date-like ("From - Mon Jun  3 12:50:27
// 1996", "From 1844347792267117879@xxx Fri Sep 26 ..."). So "From Russia with love" inside a body
// (an unescaped From line, as mboxo writers leave them) does not split a message. Lines quoted as
// ">From " (mboxrd) lose one ">". A UTF-8 byte-order mark at the start is skipped; CRLF files work.

export interface MboxMessage {
  /** the message's bytes, separator line removed, >From unescaped */
  raw: Buffer;
  /** the separator line ("From sender date"), for a fallback date */
  separator: string;
  /** 1-based message number in the file */
  index: number;
  /** bytes of the file consumed so far */
  offset: number;
}

const SEPARATOR = /^From (\S+)(?:\s*$|\s.*(?:\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b))/;
const FROM = Buffer.from('From ');
const NL = 0x0a;
const GT = 0x3e;

/** true when a line is an mbox "From " separator */
export function isSeparator(line: Buffer): boolean {
  if (line.length < 5 || line.compare(FROM, 0, 5, 0, 5) !== 0) return false;
  return SEPARATOR.test(line.toString('latin1').replace(/\r?\n$/, ''));
}

/** ">From " / ">>From " lines lose one ">" (mboxrd) */
function unescape(line: Buffer): Buffer {
  if (line[0] !== GT) return line;
  let i = 0;
  while (line[i] === GT) i++;
  return line.length >= i + 5 && line.compare(FROM, 0, 5, i, i + 5) === 0 ? line.subarray(1) : line;
}

/** true when the bytes open with an mbox separator (after an optional BOM) */
export function looksLikeMbox(head: Buffer): boolean {
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const end = head.indexOf(NL, start);
  return isSeparator(head.subarray(start, end < 0 ? head.length : end + 1));
}

/** messages of an mbox held in memory (uploads) */
export async function* mboxFromBuffer(content: Buffer): AsyncIterable<MboxMessage> {
  yield* splitMbox(oneChunk(content));
}

/** messages of an mbox file, streamed */
export async function* mboxFromFile(path: string): AsyncIterable<MboxMessage> {
  yield* splitMbox(createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>);
}

async function* oneChunk(content: Buffer): AsyncIterable<Buffer> {
  yield content;
}

async function* splitMbox(chunks: AsyncIterable<Buffer>): AsyncIterable<MboxMessage> {
  let carry: Buffer = Buffer.alloc(0);
  let lines: Buffer[] = [];
  let separator: string | null = null;
  let index = 0;
  let consumed = 0;
  let first = true;

  const emit = (): MboxMessage | undefined => {
    if (separator === null) {
      lines = [];
      return undefined; // bytes before the first separator (not an mbox message)
    }
    const message = { raw: Buffer.concat(lines), separator, index: ++index, offset: consumed };
    lines = [];
    return message;
  };

  const takeLine = (line: Buffer): MboxMessage | undefined => {
    if (isSeparator(line)) {
      const done = emit();
      separator = line.toString('latin1').trim();
      return done;
    }
    lines.push(unescape(line));
    return undefined;
  };

  for await (const chunk of chunks) {
    let data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    if (first) {
      first = false;
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
    }
    let start = 0;
    for (let nl = data.indexOf(NL, start); nl >= 0; nl = data.indexOf(NL, start)) {
      const line = data.subarray(start, nl + 1);
      consumed += line.length;
      start = nl + 1;
      const message = takeLine(line);
      if (message) yield message;
    }
    // copy the partial line: a subarray would keep the whole 1 MB chunk alive
    carry = Buffer.from(data.subarray(start));
  }
  if (carry.length > 0) {
    consumed += carry.length;
    const message = takeLine(carry);
    if (message) yield message;
  }
  const last = emit();
  if (last) yield last;
}
