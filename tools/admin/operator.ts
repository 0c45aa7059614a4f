import { z } from 'zod';
import { isAppError } from '../../core/errors.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { ToolMiss, invalidInput } from '../core/errors.ts';
import type { ToolRegistry, ToolResult } from '../registry.ts';
import type { Runtime } from '../runtime.ts';

// The operator: whoever runs `npm run users|keys|webhooks` on the machine while no server holds the store.
// Like `npm run ingest`, they have the store itself in hand, so they act with an admin's reach but as no
// user (the first admin of a store filled from a real CRM has to come from somewhere). Their calls are
// validated and audited like any other; the audit row has no actor id. Only for the admin tools.

const OPERATOR = { userId: '', role: 'admin', teamId: null } as const;

class Rollback extends Error {}

export async function runAsOperator(registry: ToolRegistry, runtime: Runtime, name: string, rawInput: unknown, requestId: string): Promise<ToolResult> {
  const definition = registry.get(name);
  if (!definition || !definition.surfaceOnly || definition.minRole !== 'admin') throw new Error(`${name} is not an admin tool`);
  const parsed = registry.parseInput(definition, rawInput ?? {});
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.issues).toToolError() };
  const { dryRun, ...input } = parsed.data as { dryRun?: boolean } & Record<string, unknown>;
  const now = runtime.clock.now();
  const log = runtime.log.child({ tool: name, requestId, actor: 'operator' });
  try {
    let output: unknown;
    await runtime.db
      .transaction(async (tx) => {
        output = await definition.execute(input, { actor: OPERATOR, scope: { kind: 'all' }, db: tx, log, now, embedder: runtime.embedder, requestId });
        const entries = definition.annotations.readOnlyHint ? [] : (definition.audit?.(input, output) ?? []);
        for (const entry of Array.isArray(entries) ? entries : [entries]) {
          await appendAudit(tx, {
            at: now, actorId: null, actorRole: null, tool: name, action: entry.action, recordType: entry.recordType, recordId: entry.recordId,
            input, changes: entry.changes ?? null, dryRun: dryRun === true, requestId,
          });
        }
        if (dryRun) throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    const checked = definition.output.safeParse(output);
    if (!checked.success) throw new Error(`${name} returned output that breaks its own schema: ${z.prettifyError(checked.error)}`);
    return { ok: true, data: checked.data };
  } catch (error) {
    if (error instanceof ToolMiss) return { ok: false, error: error.toToolError() };
    if (isAppError(error)) return { ok: false, error: { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } };
    throw error;
  }
}
