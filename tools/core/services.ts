import { AppError } from '../../core/errors.ts';
import { findUserByEmail, type Actor } from '../../db/repos/scope.ts';
import type { CopilotAccess } from './context.ts';
import type { Runtime } from '../runtime.ts';
import { currentRequestId } from './request-scope.ts';
import type { ToolRegistry, ToolResult } from '../registry.ts';

/** The acting user for surfaces without auth yet (HTTP, MCP): the configured local user. */
export async function localActor(runtime: Runtime, email: string): Promise<Actor> {
  const actor = await findUserByEmail(runtime.db, email);
  if (!actor) {
    throw new AppError('config:local_user', `The local user ${email} does not exist in the store`, {
      hint: 'set DEALWISE_LOCAL_USER to the email of an existing user, or seed the demo org',
    });
  }
  return actor;
}

/** One call of one tool on behalf of `actor`, with the runtime's services and clock. */
export function callTool(
  registry: ToolRegistry,
  runtime: Runtime,
  actor: Actor,
  name: string,
  input: unknown,
  requestId?: string,
  copilot?: CopilotAccess,
  idempotencyKey?: string,
): Promise<ToolResult> {
  // a call made inside an HTTP request (e.g. by a chat turn) is tagged with that request's id
  requestId ??= currentRequestId();
  return registry.execute(name, input, actor, {
    db: runtime.db,
    log: runtime.log,
    now: runtime.clock.now(),
    embedder: runtime.embedder,
    ...(requestId ? { requestId } : {}),
    ...(copilot ? { copilot } : {}),
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
}
