import { AsyncLocalStorage } from 'node:async_hooks';

// The request a piece of work belongs to, for the audit rows of tool calls made deep inside it (a chat
// turn's tool calls run in the graph, which is not handed the request id). Surfaces enter it per request.

const storage = new AsyncLocalStorage<{ requestId: string }>();

export function runInRequest<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
