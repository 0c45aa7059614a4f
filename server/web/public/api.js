import { createSseParser } from './sse.js';

// The HTTP API as the page uses it: the API key lives in sessionStorage (gone when the tab closes) and goes
// out as a Bearer token; with no key the server decides (the local user on loopback).

const KEY = 'dealwise.apiKey';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  setKey: (key) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = error?.code ?? 'http_error';
    this.hint = error?.hint;
  }
}

function headers(extra = {}) {
  const key = session.key();
  return { ...extra, ...(key ? { authorization: `Bearer ${key}` } : {}) };
}

async function errorOf(response) {
  const body = await response.json().catch(() => ({}));
  // a key revoked mid-session: the page goes back to sign-in (app.js listens)
  if (response.status === 401) window.dispatchEvent(new CustomEvent('dealwise:unauthorized', { detail: body.error }));
  return new ApiError(response.status, body.error);
}

export async function getJson(path) {
  const response = await fetch(path, { headers: headers({ accept: 'application/json' }) });
  if (!response.ok) throw await errorOf(response);
  return response.json();
}

/** Who the page acts as: GET /v1/me, or the local user when the server has no such route yet. */
export async function whoAmI() {
  const response = await fetch('/v1/me', { headers: headers({ accept: 'application/json' }) });
  if (response.status === 404) return { user: null, auth: 'local' };
  if (!response.ok) throw await errorOf(response);
  return response.json();
}

/** POST /v1/tools/<name>: the tool's data, or an ApiError carrying its code (forbidden, not_found...). */
export async function callTool(name, input = {}) {
  const response = await fetch(`/v1/tools/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: headers({ 'content-type': 'application/json', accept: 'application/json' }),
    body: JSON.stringify(input),
  });
  if (!response.ok) throw await errorOf(response);
  const body = await response.json();
  if (body.ok === false) throw new ApiError(response.status, body.error);
  return body.data;
}

/** POST a body and call onEvent(event) for each CopilotEvent streamed back, as it arrives. */
export async function streamPost(path, body, onEvent) {
  const response = await fetch(path, {
    method: 'POST',
    headers: headers({ 'content-type': 'application/json', accept: 'text/event-stream' }),
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await errorOf(response);
  const parser = createSseParser((_type, data) => onEvent(JSON.parse(data)));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parser.push(value);
  }
  parser.end();
}
