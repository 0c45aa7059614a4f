import type { Runtime } from '../../tools/runtime.ts';

/** Knows whether the runtime is up yet: the server listens first and reports 'starting' while the store opens or seeds. */
export interface Readiness {
  runtime(): Runtime | undefined;
  startedAt: Date;
  /** true once a shutdown began: /readyz says 503 so a balancer stops sending, new requests are refused */
  draining?(): boolean;
}
