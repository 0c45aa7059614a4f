import type { Db } from '../../db/client.ts';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import type { Actor } from '../../db/repos/scope.ts';
import { registry } from '../../tools/index.ts';
import type { ToolResult } from '../../tools/registry.ts';
import { ORG_NOW } from './org.ts';

/** Calls a tool through the registry exactly as the surfaces do (validation, role, scope, audit). */
export function call(db: Db, actor: Actor, name: string, input: unknown, now: Date = ORG_NOW): Promise<ToolResult> {
  return registry.execute(name, input, actor, { db, log: silentLogger, now, embedder: createLocalEmbedder() });
}

/** The data of a successful call; fails the test with the tool's error otherwise. */
export async function callOk<T = Record<string, unknown>>(db: Db, actor: Actor, name: string, input: unknown, now?: Date): Promise<T> {
  const result = await call(db, actor, name, input, now);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.data as T;
}
