import { describe, expect, it } from 'vitest';
import { createChatTurns } from './chat-turns.ts';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor.ts';

describe('the cap on chat turns', () => {
  it('refuses past the cap, frees a slot on release, and hints the recent average turn length', async () => {
    let now = 0;
    const turns = createChatTurns(2, () => now);
    expect(turns.retryAfterSeconds()).toBe(1);
    const a = turns.tryStart()!;
    const b = turns.tryStart()!;
    expect(turns.tryStart()).toBeUndefined();
    expect(turns.running).toBe(2);
    now = 6000;
    a.release();
    a.release(); // twice is once
    expect(turns.running).toBe(1);
    // 0.8 * 1000 + 0.2 * 6000 = 2000 ms
    expect(turns.retryAfterSeconds()).toBe(2);
    const idle = turns.idle();
    b.release();
    await idle;
    expect(turns.tryStart()).toBeDefined();
  });

  it('cancels every running turn through its signal', () => {
    const turns = createChatTurns(3);
    const slots = [turns.tryStart()!, turns.tryStart()!];
    turns.abortAll('shutting down');
    expect(slots.map((slot) => slot.signal.aborted)).toEqual([true, true]);
    expect((slots[0]!.signal.reason as Error).message).toBe('shutting down');
  });
});

describe('page cursors', () => {
  it('carry the offset and refuse another query or a forged value', () => {
    const query = queryFingerprint({ stages: ['proposal'], sort: 'value' });
    expect(queryFingerprint({ sort: 'value', stages: ['proposal'] })).toBe(query);
    expect(decodeCursor(encodeCursor(40, query), query)).toEqual({ offset: 40 });
    expect(decodeCursor(encodeCursor(40, query), queryFingerprint({ sort: 'name' }))).toEqual({ error: expect.stringContaining('other filters') });
    expect(decodeCursor('not-a-cursor', query)).toEqual({ error: 'is not a cursor this API gave out' });
    expect(decodeCursor(Buffer.from('{"o":-1,"f":"x"}').toString('base64url'), query)).toEqual({ error: 'is not a cursor this API gave out' });
  });
});
