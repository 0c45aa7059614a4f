import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendError } from '../http/reply-error.ts';

// The web page: static files from public/ (no build step) and ECharts from node_modules, all from this server,
// so the page works offline. Only files listed at start are served: a request path never reaches the disk.

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const ECHARTS_FILE = path.join(path.dirname(createRequire(import.meta.url).resolve('echarts')), 'echarts.min.js');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

// Scripts, styles and data from this origin only (no CDN); inline style attributes are ECharts' tooltips.
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

export function publicFiles(dir = PUBLIC_DIR): string[] {
  return readdirSync(dir).filter((name) => Object.hasOwn(CONTENT_TYPES, path.extname(name)));
}

export async function registerWebRoutes(app: FastifyInstance): Promise<void> {
  const files = new Map(publicFiles().map((name) => [`/web/${name}`, path.join(PUBLIC_DIR, name)]));
  files.set('/', path.join(PUBLIC_DIR, 'index.html'));
  files.set('/vendor/echarts.min.js', ECHARTS_FILE);
  const cache = new Map<string, Buffer>();

  const serve = async (urlPath: string, reply: FastifyReply) => {
    const file = files.get(urlPath);
    if (!file) return sendError(reply, 404, { code: 'not_found:file', message: `No file at ${urlPath}` });
    let body = cache.get(file);
    if (!body) {
      body = await readFile(file);
      cache.set(file, body);
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    reply.header('content-type', type).header('x-content-type-options', 'nosniff');
    // the page's own files change with the server; the pinned vendor bundle does not
    reply.header('cache-control', urlPath.startsWith('/vendor/') ? 'public, max-age=86400' : 'no-cache');
    if (type.startsWith('text/html')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    return reply.send(body);
  };

  app.get('/', (_request, reply) => serve('/', reply));
  app.get<{ Params: { file: string } }>('/web/:file', (request, reply) => serve(`/web/${request.params.file}`, reply));
  app.get('/vendor/echarts.min.js', (_request, reply) => serve('/vendor/echarts.min.js', reply));
}
