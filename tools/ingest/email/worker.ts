import { parentPort, workerData } from 'node:worker_threads';
import { analyseMessage, type AnalyseContext } from './analyse.ts';

// A worker thread of the analysis pool (pool.ts): messages in, analysed messages out, in order.

export interface WorkerInit {
  users: [string, string][];
  competitors: string[];
  now: string;
  embed: boolean;
  dimensions: number;
}

export interface WorkerRequest {
  id: number;
  raw: Uint8Array;
  separator: string | undefined;
}

const init = workerData as WorkerInit;
const ctx: AnalyseContext = {
  users: new Map(init.users.map(([email, timeZone]) => [email, { timeZone }])),
  competitors: init.competitors,
  now: new Date(init.now),
  embed: init.embed,
  dimensions: init.dimensions,
};

parentPort?.on('message', (request: WorkerRequest) => {
  analyseMessage(Buffer.from(request.raw.buffer, request.raw.byteOffset, request.raw.byteLength), request.separator, ctx).then(
    (result) => parentPort?.postMessage({ id: request.id, result }),
    (error: unknown) => parentPort?.postMessage({ id: request.id, result: { ok: false, reason: `analysis failed: ${error instanceof Error ? error.message : String(error)}` } }),
  );
});
