import type { Embedder } from '../../core/embeddings/index.ts';
import type { Logger } from '../../core/logger.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor, Scope } from '../../db/repos/scope.ts';

export type { Actor, Scope };

/** What every tool's execute() receives. Passed in, never global (ARCHITECTURE.md, convention 4). */
export interface ToolContext {
  actor: Actor;
  /** the records the actor may see, resolved once per call */
  scope: Scope;
  /** the database, or the call's transaction for write tools */
  db: Executor;
  log: Logger;
  /** the call's clock reading: tools never ask the system for the time */
  now: Date;
  embedder: Embedder;
  requestId?: string;
}
