import { z } from 'zod';
import type { Role } from '../core/domain.ts';
import { isAppError } from '../core/errors.ts';
import type { Db } from '../db/client.ts';
import { appendAudit } from '../db/repos/audit.ts';
import { findToolResult, saveToolResult } from '../db/repos/tool-results.ts';
import { storeFailure } from '../core/store-errors.ts';
import { faultPoint } from '../core/faults.ts';
import { createHash } from 'node:crypto';
import { loadScope } from '../db/repos/scope.ts';
import type { Actor, CopilotAccess, ToolContext } from './core/context.ts';
import { forbidden, invalidInput, ToolMiss, type FieldIssue, type ToolError } from './core/errors.ts';
import { mayCall } from './core/roles.ts';
import { unstorableTextIssues } from './core/storable-text.ts';
import { fieldPath, markClosedObjects, unknownKeyIssues } from './core/strict-input.ts';
import type { Embedder } from '../core/embeddings/index.ts';
import type { Logger } from '../core/logger.ts';

export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  /** true for tools that reach outside the store (send, post) */
  openWorldHint?: boolean;
  /**
   * Writes pause for a person's approval when a model proposes them (the default). 'none' for writes that only
   * record derived values (score history, forecast snapshots, alerts): still audited, never asked about.
   */
  approval?: 'required' | 'none';
}

/** Whether a model-proposed call of this tool must wait for a person's approval. */
export function needsApproval(annotations: ToolAnnotations): boolean {
  return !annotations.readOnlyHint && annotations.approval !== 'none';
}

/** Whether this call changes anything: a write tool with writesOnlyWith writes only when that input is true. */
export function callWrites(definition: Pick<ToolDefinition, 'annotations' | 'writesOnlyWith'>, input: unknown): boolean {
  if (definition.annotations.readOnlyHint) return false;
  if (!definition.writesOnlyWith) return true;
  return typeof input === 'object' && input !== null && (input as Record<string, unknown>)[definition.writesOnlyWith] === true;
}

/** Whether this call (its input as given) must wait for a person's approval when a model proposes it. */
export function callNeedsApproval(definition: Pick<ToolDefinition, 'annotations' | 'writesOnlyWith'>, input: unknown): boolean {
  return needsApproval(definition.annotations) && callWrites(definition, input);
}

/** Whether a role may make any call of the tool at all (for a tool with writesOnlyWith: its reads). */
export function mayCallAny(role: Role, definition: Pick<ToolDefinition, 'annotations' | 'writesOnlyWith' | 'minRole'>): boolean {
  return mayCall(role, definition.minRole, !definition.annotations.readOnlyHint && !definition.writesOnlyWith);
}

/** What a write tool tells the audit log about the change it made. */
export interface AuditEntry {
  action: string;
  recordType?: 'lead' | 'opportunity' | 'account' | 'interaction' | 'task' | 'user' | 'campaign';
  recordId?: string;
  changes?: unknown;
}

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  /** the least role that may call it (see core/roles.ts for how writes differ) */
  minRole: Role;
  execute(input: z.infer<I>, ctx: ToolContext): Promise<z.infer<O>>;
  /**
   * true for tools that run other tools step by step (workflow_run): no transaction around the whole
   * call, so each step commits on its own and a gate can wait for days; see ToolContext.callTool
   */
  orchestrates?: boolean;
  /**
   * a write tool that writes only when this boolean input is true (meeting_summary's createTasks): a call
   * without it is a read, open to every role that may read (execs too) and run without a transaction or
   * audit row; with it, the write rules hold and a refusal names the field
   */
  writesOnlyWith?: string;
  /** write tools: what to record; called with the validated input and output */
  audit?: (input: z.infer<I>, output: z.infer<O>) => AuditEntry | AuditEntry[];
  /**
   * true for tools only the outside surfaces offer (HTTP, MCP, the CLIs): ask_copilot and confirm_action wrap
   * the copilot and its approvals, user and key administration is not a conversation; the copilot's own
   * agents never get them (agentToolNames()).
   */
  surfaceOnly?: boolean;
}

export type ToolResult<T = unknown> = { ok: true; data: T } | { ok: false; error: ToolError };

export function defineTool<I extends z.ZodObject, O extends z.ZodType>(definition: ToolDefinition<I, O>): ToolDefinition<I, O> {
  if (!/^[a-z]+(_[a-z]+)*$/.test(definition.name)) throw new Error(`tool name must be snake_case, domain first: ${definition.name}`);
  if (!definition.annotations.readOnlyHint && !definition.audit) throw new Error(`write tool ${definition.name} needs an audit()`);
  return definition;
}

export interface ToolListing {
  name: string;
  title: string;
  description: string;
  minRole: Role;
  annotations: ToolAnnotations;
  /** the boolean input without which a call of this write tool only reads (see ToolDefinition) */
  writesOnlyWith?: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  /** offered by MCP and HTTP only, never to the copilot's agents */
  surfaceOnly?: true;
}

/** Runtime services a call needs besides the caller. */
export interface CallServices {
  db: Db;
  log: Logger;
  now: Date;
  embedder: Embedder;
  requestId?: string;
  /**
   * makes the call happen at most once: its result is stored under this key (a write's in the write's own
   * transaction) and a later call with the key gets that result back without running again. Workflow steps
   * and approved copilot writes use it, so a process killed after the commit does not write twice on restart.
   */
  idempotencyKey?: string;
  /** the copilot, for the surface-only tools that wrap it (ask_copilot, confirm_action on a copilot approval) */
  copilot?: CopilotAccess;
}

// Rolls a dry run's transaction back after the tool has computed exactly what it would change.
class DryRunRollback extends Error {
  constructor(readonly output: unknown) {
    super('dry run');
  }
}

const dryRunField = z.boolean().optional().describe('true = report what would change without changing anything');

export class ToolRegistry {
  private readonly tools = new Map<string, ToolDefinition>();
  private readonly failures = new Map<string, number>();

  constructor(definitions: readonly ToolDefinition[]) {
    for (const definition of definitions) {
      if (this.tools.has(definition.name)) throw new Error(`tool defined twice: ${definition.name}`);
      this.tools.set(definition.name, definition);
    }
  }

  names(): string[] {
    return [...this.tools.keys()].sort();
  }

  /** The tools the copilot's agents may be given: all but the surface-only ones. */
  agentToolNames(): string[] {
    return this.names().filter((name) => !this.tools.get(name)!.surfaceOnly);
  }

  get(name: string): ToolDefinition | undefined {
    return this.tools.get(name);
  }

  /** Input schema as callers see it: write tools also take dryRun. */
  inputSchemaOf(definition: ToolDefinition): z.ZodObject {
    return definition.annotations.readOnlyHint ? definition.input : definition.input.extend({ dryRun: dryRunField });
  }

  /** Every tool as surfaces list it; computed once (JSON Schema generation costs ~5 ms a tool), never mutate it. */
  list(): ToolListing[] {
    this.listing ??= this.buildListing();
    return this.listing;
  }

  private listing: ToolListing[] | undefined;

  private buildListing(): ToolListing[] {
    return this.names().map((name) => {
      const definition = this.tools.get(name)!;
      return {
        name,
        title: definition.annotations.title,
        description: definition.description,
        minRole: definition.minRole,
        annotations: definition.annotations,
        ...(definition.writesOnlyWith ? { writesOnlyWith: definition.writesOnlyWith } : {}),
        inputSchema: z.toJSONSchema(this.inputSchemaOf(definition), { io: 'input', override: markClosedObjects }) as Record<string, unknown>,
        outputSchema: z.toJSONSchema(definition.output, { io: 'output' }) as Record<string, unknown>,
        ...(definition.surfaceOnly ? { surfaceOnly: true as const } : {}),
      };
    });
  }

  /** Parse a call's input: unknown keys (at any depth the schema defines) are issues, never stripped in silence. */
  parseInput(definition: ToolDefinition, rawInput: unknown): { success: true; data: Record<string, unknown> } | { success: false; issues: FieldIssue[] } {
    const schema = this.inputSchemaOf(definition);
    const unknown = unknownKeyIssues(schema, rawInput);
    const parsed = schema.safeParse(rawInput);
    const issues = [...unknown, ...unstorableTextIssues(rawInput), ...(parsed.success ? [] : zodIssues(parsed.error))];
    if (issues.length > 0 || !parsed.success) return { success: false, issues };
    return { success: true, data: parsed.data as Record<string, unknown> };
  }

  /** Unexpected errors per tool since start (bugs, not misses). */
  failureCounts(): Record<string, number> {
    return Object.fromEntries(this.failures);
  }

  /** Validate, check role, resolve scope, run (in a transaction with an audit row for writes), validate output. */
  async execute(name: string, rawInput: unknown, actor: Actor, services: CallServices): Promise<ToolResult> {
    const definition = this.tools.get(name);
    if (!definition) {
      return miss({ code: 'not_found:tool', message: `No tool named "${name}"`, hint: `one of: ${this.names().join(', ')}` });
    }
    const mayWrite = !definition.annotations.readOnlyHint;
    const why = (writes: boolean) => (writes && actor.role === 'exec' ? 'execs have read-only access' : `it needs the ${definition.minRole} role or higher`);
    if (!mayCallAny(actor.role, definition)) {
      return miss(forbidden(`A ${actor.role} may not call ${name}: ${why(mayWrite)}`).toToolError());
    }
    const parsed = this.parseInput(definition, rawInput ?? {});
    if (!parsed.success) return miss(invalidInput(parsed.issues).toToolError());
    const { dryRun, ...input } = parsed.data as { dryRun?: boolean } & Record<string, unknown>;
    // a tool that writes only on request: this call's own input decides whether the write rules apply
    const writes = callWrites(definition, input);
    const field = definition.writesOnlyWith;
    if (writes && field && !mayCall(actor.role, definition.minRole, true)) {
      return miss(forbidden(`A ${actor.role} may not call ${name} with ${field}: true (it writes): ${why(true)}`, `call it without ${field} to read only`).toToolError());
    }

    const log = services.log.child({ tool: name, requestId: services.requestId, actor: actor.userId });
    try {
      const scope = await loadScope(services.db, actor);
      const base = { actor, scope, log, now: services.now, embedder: services.embedder, ...(services.requestId ? { requestId: services.requestId } : {}), ...(services.copilot ? { copilot: services.copilot } : {}) };
      const key = dryRun === true || definition.orchestrates ? undefined : services.idempotencyKey;
      const once = key ? { key, tool: name, inputHash: inputHash(input) } : undefined;
      const earlier = once ? await findToolResult(services.db, once.key) : undefined;
      if (earlier && (earlier.tool !== name || earlier.inputHash !== once!.inputHash)) {
        throw new ToolMiss({ code: 'conflict:idempotency_key', message: `The idempotency key ${earlier.key} was already used for another call (${earlier.tool})` });
      }
      const output = earlier
        ? earlier.result
        : definition.orchestrates
        ? await this.runOrchestrator(definition, input, { ...base, db: services.db }, actor, services, dryRun === true)
        : writes
        ? await this.runWrite(definition, input, { ...base, db: services.db }, services.db, dryRun === true, once)
        : await definition.execute(input, { ...base, db: services.db });
      // a read's result is kept too (a workflow step replays its reads as they were), outside any transaction
      if (once && !earlier && !writes) await saveToolResult(services.db, { ...once, result: output ?? null, at: services.now }, { ifAbsent: true });
      const checked = definition.output.safeParse(output);
      if (!checked.success) throw new Error(`${name} returned output that breaks its own schema: ${z.prettifyError(checked.error)}`);
      return { ok: true, data: checked.data };
    } catch (error) {
      if (error instanceof ToolMiss) return miss(error.toToolError());
      if (isAppError(error)) return miss({ code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) });
      // the database unreachable or its disk full: not a bug of the tool, and its transaction rolled back
      const store = storeFailure(error);
      if (store) {
        log.warn({ err: error }, 'store unavailable');
        return miss({ code: store.code, message: store.message, ...(store.hint ? { hint: store.hint } : {}) });
      }
      this.failures.set(name, (this.failures.get(name) ?? 0) + 1);
      log.error({ err: error }, 'tool failed unexpectedly');
      return miss({ code: 'internal', message: `${name} failed unexpectedly; the error was logged`, hint: 'try again, or report it' });
    }
  }

  private async runOrchestrator(definition: ToolDefinition, input: Record<string, unknown>, ctx: ToolContext, actor: Actor, services: CallServices, dryRun: boolean) {
    const callTool: ToolContext['callTool'] = (name, stepInput, options) =>
      this.execute(name, stepInput, options.actor ?? actor, { ...services, requestId: options.requestId, idempotencyKey: options.idempotencyKey });
    const output = await definition.execute(input, dryRun ? ctx : { ...ctx, callTool });
    if (dryRun) return output;
    const entries = definition.audit?.(input, output) ?? [];
    for (const entry of Array.isArray(entries) ? entries : [entries]) {
      await appendAudit(services.db, {
        at: ctx.now, actorId: actor.userId, actorRole: actor.role, tool: definition.name, action: entry.action, recordType: entry.recordType,
        recordId: entry.recordId, input, changes: entry.changes ?? null, dryRun: false, requestId: ctx.requestId,
      });
    }
    return output;
  }

  private async runWrite(definition: ToolDefinition, input: Record<string, unknown>, ctx: ToolContext, db: Db, dryRun: boolean, once?: { key: string; tool: string; inputHash: string }) {
    try {
      const committed = await db.transaction(async (tx) => {
        const output = await definition.execute(input, { ...ctx, db: tx });
        const entries = definition.audit?.(input, output) ?? [];
        for (const entry of Array.isArray(entries) ? entries : [entries]) {
          await appendAudit(tx, {
            at: ctx.now,
            actorId: ctx.actor.userId,
            actorRole: ctx.actor.role,
            tool: definition.name,
            action: entry.action,
            recordType: entry.recordType,
            recordId: entry.recordId,
            input,
            changes: entry.changes ?? null,
            dryRun,
            requestId: ctx.requestId,
          });
        }
        if (dryRun) throw new DryRunRollback(output);
        if (once) await saveToolResult(tx, { ...once, result: output ?? null, at: ctx.now });
        return output;
      });
      faultPoint(`after-commit:${definition.name}`);
      return committed;
    } catch (error) {
      if (error instanceof DryRunRollback) return error.output;
      throw error;
    }
  }
}

/** sha256 of the input with keys sorted: the same call gives the same hash whatever order its keys came in. */
function inputHash(input: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' && !(v instanceof Date) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v;
  return createHash('sha256').update(JSON.stringify(canonical(input)) ?? 'undefined').digest('hex');
}

function miss(error: ToolError): ToolResult {
  return { ok: false, error };
}

function zodIssues(error: z.ZodError) {
  return error.issues.map((issue) => ({
    field: fieldPath(issue.path),
    message: issue.message,
  }));
}
