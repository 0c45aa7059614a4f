import { faultPointFromEnv } from './env.ts';

// Named crash points for the fault tests (npm run test:faults): a child process started with
// DEALWISE_FAULT_AT=<name> SIGKILLs itself the moment it reaches that point, as a power cut would,
// so "killed after the commit, before the bookkeeping" is a place in the code, not a race against a timer.
// Unset (always, outside those tests) a point costs one string comparison.

const target = faultPointFromEnv();

export function faultPoint(name: string): void {
  if (target !== undefined && target === name) process.kill(process.pid, 'SIGKILL');
}
