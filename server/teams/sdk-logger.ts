import type { AppOptions, IPlugin } from '@microsoft/teams.apps';
import type { Logger } from '../../core/logger.ts';

// The Teams SDK logs through this, into our pino logger (its default writes to the console).

type ILogger = NonNullable<AppOptions<IPlugin>['logger']>;
type LogLevel = Parameters<ILogger['log']>[0];

export function sdkLogger(log: Logger, name = 'teams'): ILogger {
  const write = (level: LogLevel, msg: unknown[]) => {
    const err = msg.find((m) => m instanceof Error);
    const text = msg.filter((m) => !(m instanceof Error)).map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
    const fields = err ? { sdk: name, err } : { sdk: name };
    if (level === 'error') log.error(fields, text);
    else if (level === 'warn') log.warn(fields, text);
    else if (level === 'info') log.info(fields, text);
    else log.debug(fields, text);
  };
  return {
    debug: (...msg) => write('debug', msg),
    info: (...msg) => write('info', msg),
    warn: (...msg) => write('warn', msg),
    error: (...msg) => write('error', msg),
    trace: (...msg) => write('trace', msg),
    log: (level, ...msg) => write(level, msg),
    child: (child) => sdkLogger(log, `${name}/${child}`),
  };
}
