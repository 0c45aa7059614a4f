import pino from 'pino';
import type { Logger } from '../../core/logger.ts';

// A logger that keeps the last error a call logged, so a fuzz failure says why a tool failed
// (the registry answers `internal` and logs the cause).

export interface CapturingLogger {
  log: Logger;
  /** the last logged error's message, cleared by take() */
  take(): string | undefined;
}

export function capturingLogger(): CapturingLogger {
  let last: string | undefined;
  const log = pino({ level: 'error' }, {
    write(line: string) {
      const entry = JSON.parse(line) as { msg?: string; err?: { message?: string; stack?: string } };
      last = `${entry.msg ?? ''}: ${entry.err?.stack?.split('\n').slice(0, 4).join(' | ') ?? entry.err?.message ?? ''}`;
    },
  });
  return {
    log,
    take() {
      const out = last;
      last = undefined;
      return out;
    },
  };
}
