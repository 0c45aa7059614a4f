import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicFiles, registerWebRoutes } from './web.routes.ts';

// The page's files over HTTP, in-process: what is served, with which headers, and that nothing else is.

describe('web page routes', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    await registerWebRoutes(app);
  });
  afterAll(() => app.close());

  it('serves the page at / with a policy that allows this origin only', async () => {
    const response = await app.inject({ url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(response.body).toContain('<script type="module" src="/web/app.js"></script>');
    // no CDN: every script and stylesheet the page names comes from this server
    // (the icon is an empty data: URL, so the browser asks for no /favicon.ico)
    const sources = [...response.body.matchAll(/(?:src|href)="([^"#]+)"/g)].map((m) => m[1]!);
    expect(sources).toEqual(['data:,', '/web/style.css', '/vendor/echarts.min.js', '/web/app.js']);
    sources.shift();
    for (const source of sources) expect((await app.inject({ url: source })).statusCode, source).toBe(200);
  });

  it('serves the page\'s modules and ECharts from node_modules with their content types', async () => {
    expect(publicFiles()).toEqual(expect.arrayContaining(['index.html', 'app.js', 'api.js', 'sse.js', 'chat.js', 'dashboard.js', 'charts.js', 'style.css']));
    const module = await app.inject({ url: '/web/sse.js' });
    expect(module.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(module.headers['cache-control']).toBe('no-cache');
    expect(module.body).toContain('export function createSseParser');
    const echarts = await app.inject({ url: '/vendor/echarts.min.js' });
    expect(echarts.statusCode).toBe(200);
    expect(echarts.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(echarts.body).toContain('echarts');
    expect(echarts.body.length).toBeGreaterThan(500_000);
  });

  it('answers 404 in the one error shape for anything not listed, and never reads a path from the request', async () => {
    for (const url of ['/web/nothing.js', '/web/..%2F..%2Fweb.routes.ts', '/web/%2E%2E%2Fchart-svg.ts', '/web/']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      if (url !== '/web/') expect(response.json(), url).toEqual({ ok: false, error: { code: 'not_found:file', message: expect.stringContaining('No file at') } });
    }
  });
});
