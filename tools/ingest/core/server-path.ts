import path from 'node:path';
import type { ToolContext } from '../../core/context.ts';
import { forbidden } from '../../core/errors.ts';

/**
 * Reading the server's disk is an operator's act: a rep could otherwise import (and then read back through
 * semantic search) any text file the server can open. Every ingest tool that takes a `path` asks here first;
 * everyone else uploads `content`. The CLI (`npm run ingest`) acts as an admin on the operator's own machine.
 */
export function serverPathFor(ctx: ToolContext, requested: string, what: string): string {
  if (ctx.actor.role !== 'admin') throw forbidden(`Only an admin may import ${what} from a path on the server`, `upload the ${what} as content instead`);
  return path.resolve(requested);
}
