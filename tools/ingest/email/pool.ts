import { Worker } from 'node:worker_threads';
import type { AnalyseResult, Analyser } from './analyse.ts';
import type { WorkerInit, WorkerRequest } from './worker.ts';

// Message analysis (MIME parsing, clean body, signals, local embeddings) on worker threads, so the
// importing thread only resolves participants and writes: on a 2-core machine one worker roughly
// halves the CPU time the database thread spends per message. Results come back per request; the
// caller keeps the order. The workers load our TypeScript through tsx's loader, as the app itself does.

export interface AnalysePool {
  analyse: Analyser;
  close(): Promise<void>;
}

function boot(): string {
  // the ESM entry of tsx's API (a bare specifier would resolve from the process's working directory)
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}); })`;
}

export function createAnalysePool(size: number, init: WorkerInit): AnalysePool {
  let next = 0;
  const pending = new Map<number, { resolve: (r: AnalyseResult) => void; reject: (e: Error) => void }>();
  const workers = Array.from({ length: Math.max(1, size) }, () => {
    const worker = new Worker(boot(), { eval: true, workerData: init });
    worker.on('message', ({ id, result }: { id: number; result: AnalyseResult }) => {
      pending.get(id)?.resolve(result);
      pending.delete(id);
    });
    worker.on('error', (error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
    return worker;
  });
  return {
    analyse(raw, separator) {
      const id = next++;
      const worker = workers[id % workers.length]!;
      return new Promise<AnalyseResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // a copy the worker owns: the mbox reader's buffers are slices of its read chunks
        const bytes = new Uint8Array(raw);
        const request: WorkerRequest = { id, raw: bytes, separator };
        worker.postMessage(request, [bytes.buffer]);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
