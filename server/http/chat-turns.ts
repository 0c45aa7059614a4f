// A cap on copilot turns running at once, so a burst beyond capacity is refused at once with 429 and a
// retry hint instead of queueing until clients time out; and the list of running turns, so a shutdown can
// wait for them and, past its deadline, cancel them cleanly.

export interface TurnSlot {
  /** aborted when the server gives up on the turn (shutdown deadline); combine it with the client's */
  signal: AbortSignal;
  release(): void;
}

export interface ChatTurns {
  readonly max: number;
  readonly running: number;
  /** a slot, or undefined when `max` turns already run */
  tryStart(): TurnSlot | undefined;
  /** seconds a refused client should wait: the recent average turn length, at least 1 */
  retryAfterSeconds(): number;
  /** resolves once no turn runs */
  idle(): Promise<void>;
  /** cancels every running turn (each undoes its own checkpoints) */
  abortAll(reason: string): void;
}

export function createChatTurns(max: number, now: () => number = Date.now): ChatTurns {
  const active = new Set<AbortController>();
  let waiters: (() => void)[] = [];
  // exponentially weighted average of finished turns, in ms
  let averageMs = 1000;

  return {
    max,
    get running() {
      return active.size;
    },
    tryStart() {
      if (active.size >= max) return undefined;
      const controller = new AbortController();
      const startedAt = now();
      active.add(controller);
      let released = false;
      return {
        signal: controller.signal,
        release() {
          if (released) return;
          released = true;
          active.delete(controller);
          averageMs = 0.8 * averageMs + 0.2 * (now() - startedAt);
          if (active.size === 0) {
            for (const wake of waiters) wake();
            waiters = [];
          }
        },
      };
    },
    retryAfterSeconds: () => Math.max(1, Math.ceil(averageMs / 1000)),
    idle: () => (active.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    abortAll(reason) {
      for (const controller of active) controller.abort(new Error(reason));
    },
  };
}
