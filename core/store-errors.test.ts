import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { storeFailure } from './store-errors.ts';

// What counts as the store failing (connection lost, disk full) rather than a query or a bug.

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('storeFailure', () => {
  it('names a lost or refused connection, also when wrapped as the cause of a query error', () => {
    for (const error of [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      new Error('Connection terminated unexpectedly'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      new Error('Failed query: select 1', { cause: withCode('read ECONNRESET', 'ECONNRESET') }),
    ]) {
      const failure = storeFailure(error);
      expect(failure?.code, String(error)).toBe('unavailable:store');
      expect(failure?.message).toMatch(/^The database cannot be reached \(.+\); nothing was changed by this request$/);
    }
  });

  it('names a full disk (SQLSTATE 53100, ENOSPC, "could not extend file")', () => {
    for (const error of [withCode('could not extend file "base/1/16384": No space left on device', '53100'), withCode('ENOSPC: no space left on device, write', 'ENOSPC'), new Error('x', { cause: new Error('could not extend file "base/5/1"') })]) {
      expect(storeFailure(error)).toMatchObject({ code: 'unavailable:disk_full', hint: expect.stringContaining('DATA_DIR') });
    }
  });

  it('leaves everything else alone: query errors, our own errors, non-errors', () => {
    expect(storeFailure(withCode('duplicate key value violates unique constraint "leads_email_uq"', '23505'))).toBeUndefined();
    expect(storeFailure(new AppError('not_found:lead', 'No lead'))).toBeUndefined();
    expect(storeFailure(new TypeError('x is not a function'))).toBeUndefined();
    expect(storeFailure('a string')).toBeUndefined();
    expect(storeFailure(undefined)).toBeUndefined();
  });
});
