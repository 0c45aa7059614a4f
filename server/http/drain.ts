import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../core/logger.ts';
import type { ChatTurns } from './chat-turns.ts';

// A graceful stop: refuse new requests (readiness says draining before this is called), let the turns in
// flight finish for up to `graceMs`, then cancel what still runs (each turn undoes its checkpoints) and
// wait for the server to close. The caller closes the store afterwards.

export async function drain(app: FastifyInstance, turns: ChatTurns, graceMs: number, log: Logger): Promise<void> {
  const closed = app.close();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
  const finished = await Promise.race([turns.idle().then(() => 'idle' as const), deadline]);
  clearTimeout(timer);
  if (finished === 'late') {
    log.warn({ turns: turns.running, graceMs }, 'turns still running at the shutdown deadline: cancelling them');
    turns.abortAll('server shutting down');
  }
  await closed;
}
