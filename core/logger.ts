import { pino, type Logger } from 'pino';

export type { Logger };

// One pino instance per process; children carry request or job context.
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino({ level }, destination) : pino({ level });
}

export const silentLogger: Logger = pino({ level: 'silent' });
