import { pingStore } from '../../db/repos/ping.ts';
import type { Runtime } from '../runtime.ts';

/** One round trip to the runtime's store (readiness): throws what the driver throws when it is unreachable. */
export function pingRuntimeStore(runtime: Runtime): Promise<void> {
  return pingStore(runtime.db);
}
