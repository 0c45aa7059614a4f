import { describe, expect, it } from 'vitest';
import { ThreadResolver } from './thread.ts';

const mail = (messageId: string | null, inReplyTo: string | null = null, references: string[] = [], gmailThreadId: string | null = null) => ({ messageId, inReplyTo, references, gmailThreadId });

describe('ThreadResolver', () => {
  it('threads by References root, In-Reply-To parent, and Gmail thread id', async () => {
    const lookups: string[][] = [];
    const threads = new ThreadResolver(async (ids) => {
      lookups.push(ids);
      return new Map([['stored-1@x', 'msg:stored-root@x']]);
    });
    expect((await threads.keyFor(mail('a@x'))).key).toBe('msg:a@x');
    expect((await threads.keyFor(mail('b@x', 'a@x', ['a@x']))).key).toBe('msg:a@x');
    // only In-Reply-To: the parent's thread, found in this run without asking the store
    expect((await threads.keyFor(mail('c@x', 'b@x'))).key).toBe('msg:a@x');
    expect(lookups).toEqual([]);
    // a reply to a message imported earlier: the store knows its thread
    expect((await threads.keyFor(mail('d@x', 'stored-1@x'))).key).toBe('msg:stored-root@x');
    expect(lookups).toEqual([['stored-1@x']]);
    expect((await threads.keyFor(mail('g1@x', null, [], '123'))).key).toBe('gmail:123');
    expect((await threads.keyFor(mail('g2@x', 'g1@x'))).key).toBe('gmail:123');
    expect(await threads.keyFor(mail(null))).toEqual({ key: null, rekey: null });
  });

  it('re-threads replies that arrived before their parent', async () => {
    const threads = new ThreadResolver(async () => new Map());
    expect(await threads.keyFor(mail('r3@x', 'r2@x'))).toEqual({ key: 'msg:r2@x', rekey: null });
    // the parent arrives with its own ancestry: what was filed under msg:r2 moves to msg:r1
    expect(await threads.keyFor(mail('r2@x', 'r1@x', ['r1@x']))).toEqual({ key: 'msg:r1@x', rekey: { from: 'msg:r2@x', to: 'msg:r1@x' } });
    expect((await threads.keyFor(mail('r4@x', 'r3@x'))).key).toBe('msg:r1@x');
  });
});
