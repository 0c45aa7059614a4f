import { AppError } from './errors.ts';

// Failures of the store itself, not of a query: the connection to Postgres lost (server restarted, network
// cut) or the disk under the data folder full. Each becomes an AppError with a code the surfaces map to 503
// and a hint, instead of a bug report: the transaction it happened in was rolled back, nothing half-written.

// SQLSTATE classes 08 (connection exception) and 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now)
const CONNECTION_SQLSTATE = /^(08\d{3}|57P0[123])$/;
const CONNECTION_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);
// what node-postgres says when the socket closes under a query or a pool checkout times out
const CONNECTION_MESSAGE = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable/i;
// SQLSTATE 53100 disk_full; ENOSPC from the file system (PGlite writes its files through Node's fs)
const DISK_FULL_MESSAGE = /No space left on device|could not extend file|ENOSPC/i;

function* chain(error: unknown): Generator<Record<string, unknown>> {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    yield current as Record<string, unknown>;
    current = (current as { cause?: unknown }).cause;
  }
}

const reasonOf = (e: Record<string, unknown>) => String(e.message ?? e.code ?? 'unknown error').split('\n')[0]!.slice(0, 200);

/** The store failure behind this error (its cause chain), as an AppError; undefined for any other error. */
export function storeFailure(error: unknown): AppError | undefined {
  if (error instanceof AppError) return undefined;
  for (const e of chain(error)) {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (code === '53100' || code === 'ENOSPC' || DISK_FULL_MESSAGE.test(message)) {
      return new AppError('unavailable:disk_full', `The disk holding the database is full (${reasonOf(e)}); nothing was written`, {
        cause: error,
        hint: 'free space on the disk that holds DATA_DIR (or the Postgres data directory), then retry',
      });
    }
    if (CONNECTION_SQLSTATE.test(code) || CONNECTION_ERRNO.has(code) || CONNECTION_MESSAGE.test(message)) {
      return new AppError('unavailable:store', `The database cannot be reached (${reasonOf(e)}); nothing was changed by this request`, {
        cause: error,
        hint: 'retry in a few seconds; GET /readyz answers 200 again once the database is back',
      });
    }
  }
  return undefined;
}
