import { emptyCheckpoint, type Checkpoint } from '@langchain/langgraph-checkpoint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.ts';
import { parseEnv } from '../core/env.ts';
import { silentLogger } from '../core/logger.ts';
import { createFixtureRuntime } from '../test/helpers/runtime.ts';
import { ORG_NOW } from '../test/helpers/org.ts';
import { checkpointRows } from '../tools/copilot/checkpoint-rows.ts';
import { openRuntime, type Runtime } from '../tools/runtime.ts';
import { StoreCheckpointSaver } from './checkpointer.ts';

let runtime: Runtime;
let reopened: Runtime | undefined;
beforeAll(async () => {
  ({ runtime } = await createFixtureRuntime());
});
afterAll(async () => {
  await reopened?.close();
  await runtime.close();
});

const checkpoint = (id: string, messages: string[]): Checkpoint => ({ ...emptyCheckpoint(), id, channel_values: { messages }, channel_versions: { messages: 1 } });
const config = (checkpointId?: string) => ({ configurable: { thread_id: 'th-1', checkpoint_ns: '', ...(checkpointId ? { checkpoint_id: checkpointId } : {}) } });

describe('StoreCheckpointSaver', () => {
  it('stores checkpoints with their parent and writes, newest first, and reads them back after a restart', async () => {
    const saver = new StoreCheckpointSaver(checkpointRows(runtime.db));
    const first = await saver.put(config(), checkpoint('0001', ['hi']), { source: 'input', step: -1, parents: {} }, {});
    const second = await saver.put(first, checkpoint('0002', ['hi', 'hello']), { source: 'loop', step: 0, parents: {} }, {});
    await saver.putWrites(second, [['messages', ['more']], ['__interrupt__', [{ id: 'i1', value: { approvalId: 'a1' } }]]], 'task-1', 'path-1');
    // a regular write is stored once: a replay with another value does not replace it
    await saver.putWrites(second, [['messages', ['changed']]], 'task-1', 'path-1');

    const blob = await runtime.store.pglite!.dumpDataDir('none');
    reopened = await openRuntime({ env: parseEnv({ SEED_ON_EMPTY: 'false' }), clock: fixedClock(ORG_NOW), log: silentLogger, storeOptions: { kind: 'pglite', loadDataDir: blob } });
    const later = new StoreCheckpointSaver(checkpointRows(reopened.db));

    const latest = await later.getTuple(config());
    expect(latest?.checkpoint.channel_values).toEqual({ messages: ['hi', 'hello'] });
    expect(latest?.parentConfig?.configurable?.checkpoint_id).toBe('0001');
    expect(latest?.metadata).toMatchObject({ source: 'loop', step: 0 });
    expect(latest?.pendingWrites).toEqual([
      ['task-1', '__interrupt__', [{ id: 'i1', value: { approvalId: 'a1' } }]],
      ['task-1', 'messages', ['more']],
    ]);
    expect((await later.getTuple(config('0001')))?.checkpoint.channel_values).toEqual({ messages: ['hi'] });

    const listed: string[] = [];
    for await (const tuple of later.list({ configurable: { thread_id: 'th-1' } })) listed.push(tuple.checkpoint.id);
    expect(listed).toEqual(['0002', '0001']);
    const limited: string[] = [];
    for await (const tuple of later.list({ configurable: { thread_id: 'th-1' } }, { before: config('0002'), limit: 5 })) limited.push(tuple.checkpoint.id);
    expect(limited).toEqual(['0001']);

    const pruning = new StoreCheckpointSaver(checkpointRows(reopened.db), 1);
    await pruning.put(config('0002'), checkpoint('0003', ['hi', 'hello', 'bye']), { source: 'loop', step: 1, parents: {} }, {});
    const kept: string[] = [];
    for await (const tuple of later.list({ configurable: { thread_id: 'th-1' } })) kept.push(tuple.checkpoint.id);
    expect(kept).toEqual(['0003']);

    await later.deleteThread('th-1');
    expect(await later.getTuple(config())).toBeUndefined();
  });
});
