import type { RunnableConfig } from '@langchain/core/runnables';
import {
  BaseCheckpointSaver,
  WRITES_IDX_MAP,
  copyCheckpoint,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointPendingWrite,
  type CheckpointTuple,
  type PendingWrite,
} from '@langchain/langgraph-checkpoint';
import type { CheckpointRow, CheckpointRows } from '../tools/copilot/checkpoint-rows.ts';

// A LangGraph checkpointer over our own store (PGlite or Postgres through Drizzle), so a thread and its
// pending approvals survive a restart. Values are stored as the serializer's text: JSON as is, anything else base64.

function encode([type, bytes]: [string, Uint8Array]): { type: string; text: string } {
  return type === 'json' ? { type, text: new TextDecoder().decode(bytes) } : { type, text: Buffer.from(bytes).toString('base64') };
}

function decodeBytes(type: string, text: string): string | Uint8Array {
  return type === 'json' ? text : new Uint8Array(Buffer.from(text, 'base64'));
}

function threadOf(config: RunnableConfig): { threadId: string; ns: string; checkpointId: string | undefined } {
  const configurable = config.configurable ?? {};
  const threadId = configurable.thread_id as string | undefined;
  if (!threadId) throw new Error('the copilot checkpointer needs configurable.thread_id');
  const checkpointId = (configurable.checkpoint_id as string | undefined) ?? (configurable.thread_ts as string | undefined);
  return { threadId, ns: (configurable.checkpoint_ns as string | undefined) ?? '', checkpointId };
}

export class StoreCheckpointSaver extends BaseCheckpointSaver {
  /** @param keep checkpoints kept per thread; undefined keeps all (history, time travel) */
  constructor(
    private readonly rows: CheckpointRows,
    private readonly keep?: number,
  ) {
    super();
  }

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const { threadId, ns, checkpointId } = threadOf(config);
    const row = await this.rows.get(threadId, ns, checkpointId);
    return row ? this.toTuple(row) : undefined;
  }

  async *list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    const configurable = config.configurable ?? {};
    const before = options?.before?.configurable?.checkpoint_id as string | undefined;
    const rows = await this.rows.list({
      ...(configurable.thread_id ? { threadId: configurable.thread_id as string } : {}),
      ...(configurable.checkpoint_ns !== undefined ? { ns: configurable.checkpoint_ns as string } : {}),
      ...(configurable.checkpoint_id ? { checkpointId: configurable.checkpoint_id as string } : {}),
      ...(before ? { before } : {}),
    });
    let left = options?.limit;
    for (const row of rows) {
      const tuple = await this.toTuple(row);
      const filter = options?.filter;
      const metadata = (tuple.metadata ?? {}) as Record<string, unknown>;
      if (filter && !Object.entries(filter).every(([key, value]) => metadata[key] === value)) continue;
      if (left !== undefined && left-- <= 0) return;
      yield tuple;
    }
  }

  async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, _newVersions: ChannelVersions): Promise<RunnableConfig> {
    const { threadId, ns, checkpointId: parentId } = threadOf(config);
    const [stored, meta] = await Promise.all([this.serde.dumpsTyped(copyCheckpoint(checkpoint)), this.serde.dumpsTyped(metadata)]);
    const body = encode(stored);
    await this.rows.put({ threadId, ns, checkpointId: checkpoint.id, parentId: parentId ?? null, type: body.type, checkpoint: body.text, metadata: encode(meta).text });
    if (this.keep !== undefined) await this.rows.prune(threadId, ns, this.keep);
    return { configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: checkpoint.id } };
  }

  async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath?: string): Promise<void> {
    const { threadId, ns, checkpointId } = threadOf(config);
    if (!checkpointId) throw new Error('putWrites needs configurable.checkpoint_id');
    const rows = await Promise.all(
      writes.map(async ([channel, value], index) => {
        const body = encode(await this.serde.dumpsTyped(value));
        return { threadId, ns, checkpointId, taskId, idx: WRITES_IDX_MAP[channel] ?? index, channel, type: body.type, value: body.text, taskPath: taskPath ?? '' };
      }),
    );
    await this.rows.putWrites(rows);
  }

  async deleteThread(threadId: string): Promise<void> {
    await this.rows.deleteThread(threadId);
  }

  private async toTuple(row: CheckpointRow): Promise<CheckpointTuple> {
    const [checkpoint, metadata, writes] = await Promise.all([
      this.serde.loadsTyped(row.type, decodeBytes(row.type, row.checkpoint)) as Promise<Checkpoint>,
      this.serde.loadsTyped('json', row.metadata) as Promise<CheckpointMetadata>,
      this.rows.writes(row.threadId, row.ns, row.checkpointId),
    ]);
    const pendingWrites: CheckpointPendingWrite[] = await Promise.all(
      writes.map(async (write) => [write.taskId, write.channel, await this.serde.loadsTyped(write.type, decodeBytes(write.type, write.value))] as CheckpointPendingWrite),
    );
    return {
      config: { configurable: { thread_id: row.threadId, checkpoint_ns: row.ns, checkpoint_id: row.checkpointId } },
      checkpoint,
      metadata,
      pendingWrites,
      ...(row.parentId ? { parentConfig: { configurable: { thread_id: row.threadId, checkpoint_ns: row.ns, checkpoint_id: row.parentId } } } : {}),
    };
  }
}
