import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import { parseEnv } from '../../core/env.ts';
import { silentLogger } from '../../core/logger.ts';
import { DEMO_NOW, demoTemplateBlob } from '../../test/helpers/demo.ts';
import { localActor } from '../../tools/core/services.ts';
import { registry } from '../../tools/index.ts';
import type { Actor } from '../../tools/core/context.ts';
import { openRuntime, type Runtime } from '../../tools/runtime.ts';
import { openCopilot } from '../copilot.ts';
import { buildApp } from '../http/app.ts';

// The web page in a real browser (headless Chromium driven by playwright-core) against a real listening server
// on the demo org, answering with the local offline model: ask, watch the answer stream in, open a cited record,
// approve a change, and check the dashboard's figures and charts against the API's numbers.

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
// what waits on the page polls this long: a loaded CI box can be slow, and nothing here asserts on time
const EVENTUALLY = { timeout: 30_000 };
const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.tmp');
const skip = !existsSync(CHROMIUM) && !process.env.CI;
if (skip) console.warn(`web page browser test skipped: ${CHROMIUM} is absent (apt-get install -y chromium); in CI it always runs`);

interface ToolReply<T> {
  ok: boolean;
  data: T;
}
interface Money {
  amountMinor: number;
  currency: string;
}

describe.skipIf(skip)('the web page in headless Chromium', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;
  let keyed: FastifyInstance | undefined;

  const tool = async <T>(name: string, input: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(`${base}/v1/tools/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
    const body = (await response.json()) as ToolReply<T>;
    expect(body.ok, `${name}: ${JSON.stringify(body)}`).toBe(true);
    return body.data;
  };
  const usd = (money: Money) => new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currency, maximumFractionDigits: 0 }).format(money.amountMinor / 100);

  async function ask(message: string): Promise<void> {
    const before = await page.locator('.msg.assistant').count();
    await page.getByLabel('Message').fill(message);
    await page.getByLabel('Message').press('Enter');
    await page.locator('.msg.assistant').nth(before).and(page.locator('[data-state="answered"], [data-state="awaiting-approval"], [data-state="error"]')).waitFor();
  }

  beforeAll(async () => {
    const env = parseEnv({ SEED_ON_EMPTY: 'false', LOG_LEVEL: 'silent' });
    runtime = await openRuntime({ env, clock: fixedClock(DEMO_NOW), log: silentLogger, storeOptions: { kind: 'pglite', loadDataDir: await demoTemplateBlob(0.05) } });
    // forecast snapshots as a server running since March would have taken them, one per month on its first
    // day, so forecast accuracy has finished periods to score
    const admin = await localActor(runtime, env.DEALWISE_LOCAL_USER);
    for (const month of ['2026-03', '2026-04', '2026-05']) {
      const taken = await registry.execute('forecast_snapshot', { period: month, simulations: 2000 }, admin, { db: runtime.db, log: runtime.log, embedder: runtime.embedder, now: new Date(`${month}-01T08:00:00Z`) });
      expect(taken.ok, JSON.stringify(taken)).toBe(true);
    }
    const copilot = openCopilot(runtime, env, registry);
    // no API keys on loopback: the server acts as the local user (the demo admin)
    app = await buildApp({ log: runtime.log, readiness: { runtime: () => runtime, startedAt: DEMO_NOW }, registry, actorFor: () => localActor(runtime, env.DEALWISE_LOCAL_USER), copilot: () => copilot });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    // the first question also trains the offline model's classifier: slow on a loaded box
    page.setDefaultTimeout(60_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await keyed?.close();
    await app?.close();
    await runtime?.close();
  });

  it('streams an answer over server-sent events and opens the record a citation points to', async () => {
    const pipeline = await tool<{ totals: { count: number } }>('pipeline_summary');
    await page.goto(`${base}/`);
    const streamed = page.waitForResponse((response) => response.url().endsWith('/v1/chat'));
    await ask('how is the pipeline looking?');
    const response = await streamed;
    expect(response.headers()['content-type']).toMatch(/^text\/event-stream/);

    const answer = page.locator('.msg.assistant').last();
    await expect.poll(() => answer.locator('.answer').innerText(), EVENTUALLY).toContain(`${pipeline.totals.count} open deals`);
    // the tool call arrived as progress events before the answer
    expect(await answer.locator('.progress .tool.ok').innerText()).toBe('pipeline_summary ✓');
    // the answer's Markdown table is a real table
    expect(await answer.locator('.answer table tr').count()).toBeGreaterThan(1);

    const citation = answer.locator('a.citation').first();
    const dealId = await citation.getAttribute('data-id');
    expect(await citation.getAttribute('href')).toBe(`#/deals/${dealId}`);
    const deal = await tool<{ opportunity: { name: string; stage: string } }>('opportunity_get', { opportunity: dealId });
    expect(await citation.innerText()).toBe(`Opportunity: ${deal.opportunity.name}`);
    await citation.click();
    await expect.poll(() => page.locator('.record-title').innerText(), EVENTUALLY).toBe(deal.opportunity.name);
    expect(await page.locator('#view-record [data-field="stage"]').innerText()).toBe(deal.opportunity.stage);
  });

  it('asks before changing a deal and makes the change once approved', async () => {
    const found = await tool<{ opportunities: { id: string; name: string }[] }>('opportunity_search', { stages: ['qualification'], status: 'open', limit: 20 });
    const candidates = await Promise.all(found.opportunities.map(async (d) => ({ ...d, namesake: (await tool<{ page: { total: number } }>('opportunity_search', { query: d.name })).page.total })));
    const target = candidates.find((d) => d.namesake === 1)!;
    expect(target, 'an open qualification deal with a unique name').toBeDefined();

    await page.goto(`${base}/#/chat`);
    await ask(`move the ${target.name} deal to discovery`);
    const card = page.locator('.approval').last();
    expect(await card.innerText()).toContain('opportunity_set_stage');
    expect(await page.locator('.msg.assistant').last().locator('.progress .tool').innerText()).toBe('opportunity_set_stage – waiting for approval');
    expect((await tool<{ opportunity: { stage: string } }>('opportunity_get', { opportunity: target.id })).opportunity.stage).toBe('qualification');

    const bubbles = await page.locator('.msg.assistant').count();
    await card.getByRole('button', { name: 'Approve' }).click();
    const decided = page.locator('.msg.assistant').nth(bubbles);
    await decided.and(page.locator('[data-state="answered"]')).waitFor();
    expect(await decided.locator('.answer').innerText()).toBe(`Moved ${target.name} from qualification to discovery.`);
    expect(await card.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    expect((await tool<{ opportunity: { stage: string } }>('opportunity_get', { opportunity: target.id })).opportunity.stage).toBe('discovery');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-chat.png'), fullPage: true });
  });

  it('draws the dashboard with the API\'s numbers, and opens a lead by its link', async () => {
    await page.goto(`${base}/#/dashboard`);
    await page.locator('.panel').first().waitFor();
    await expect.poll(() => page.locator('.panel:not([data-state])').count(), EVENTUALLY).toBe(0);
    expect(await page.locator('.panel[data-state="error"]').count()).toBe(0);
    expect(await page.locator('.panel h3').allInnerTexts()).toEqual(['Open pipeline by stage', 'Forecast', 'Lead funnel', 'Rep leaderboard', 'At-risk deals', 'Forecast accuracy over time']);

    const pipeline = await tool<{ totals: { totalValue: Money }; stages: { totalValue: Money; weightedValue: Money }[] }>('pipeline_summary');
    const total = page.locator('[data-figure="pipeline-total"]');
    expect(await total.getAttribute('data-value')).toBe(String(pipeline.totals.totalValue.amountMinor));
    expect(await total.innerText()).toBe(usd(pipeline.totals.totalValue));
    // the bars ECharts drew hold the API's stage values (in dollars)
    // (a string: the test's own types have no DOM)
    const drawn = (await page.evaluate(`(() => {
      const node = document.querySelector('[data-chart="pipeline"]');
      const series = window.echarts.getInstanceByDom(node).getOption().series.map((s) => s.data);
      // the first series' bars, left to right, below the legend (whose icon shares their colour)
      const bars = [...node.querySelectorAll('svg path[fill="#5070dd"]')].map((p) => p.getBBox()).filter((b) => b.y > 30 && b.height > 0);
      return { series, heights: bars.sort((a, b) => a.x - b.x).map((b) => b.height) };
    })()`)) as { series: number[][]; heights: number[] };
    expect(drawn.series).toEqual([pipeline.stages.map((s) => s.totalValue.amountMinor / 100), pipeline.stages.map((s) => s.weightedValue.amountMinor / 100)]);
    // and the bars are drawn to scale: heights in the same proportions as the stages' values
    const values = pipeline.stages.map((s) => s.totalValue.amountMinor).filter((v) => v > 0);
    expect(drawn.heights).toHaveLength(values.length);
    drawn.heights.forEach((height, i) => expect(height / drawn.heights[0]!).toBeCloseTo(values[i]! / values[0]!, 1));

    const forecast = await tool<{ total: { p10: Money; p50: Money; p90: Money } }>('forecast', { period: 'this_quarter', groupBy: 'rep' });
    expect(await page.locator('[data-figure="forecast-p50"]').innerText()).toBe(usd(forecast.total.p50));
    expect(await page.locator('[data-figure="forecast-interval"]').innerText()).toBe(`${usd(forecast.total.p10)} – ${usd(forecast.total.p90)}`);
    const risks = await tool<{ counts: { high: number } }>('risk_scan', { recordType: 'opportunity', limit: 10 });
    expect(await page.locator('[data-figure="risk-high"]').innerText()).toBe(String(risks.counts.high));
    // forecast accuracy: the three monthly snapshots against what closed, drawn oldest first
    const accuracy = await tool<{ overall: { mape: number; evaluated: number }; rows: { p50: Money; actual: Money }[] }>('forecast_accuracy', { limit: 24 });
    expect(accuracy.overall.evaluated).toBe(3);
    expect(await page.locator('[data-figure="accuracy-mape"]').innerText()).toBe(`${accuracy.overall.mape}%`);
    const lines = (await page.evaluate(`(() => {
      const option = window.echarts.getInstanceByDom(document.querySelector('[data-chart="accuracy"]')).getOption();
      return Object.fromEntries(option.series.map((s) => [s.name, s.data]));
    })()`)) as Record<string, number[]>;
    expect(lines.P50).toEqual(accuracy.rows.map((r) => r.p50.amountMinor / 100).reverse());
    expect(lines.Actual).toEqual(accuracy.rows.map((r) => r.actual.amountMinor / 100).reverse());
    for (const name of ['pipeline', 'forecast', 'funnel', 'leaderboard', 'accuracy']) expect(await page.locator(`[data-chart="${name}"] svg`).count(), name).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-dashboard.png'), fullPage: true });

    // a lead's page, as a Slack or Teams answer links to it
    const lead = (await tool<{ leads: { id: string; fullName: string; account: string }[] }>('lead_search', { limit: 1 })).leads[0]!;
    await page.goto(`${base}/#/leads/${lead.id}`);
    await expect.poll(() => page.locator('.record-title').innerText(), EVENTUALLY).toBe(lead.fullName);
    expect(await page.locator('#view-record').innerText()).toContain(lead.account);
  });

  it('signs a rep in with an API key and shows them their own numbers', async () => {
    // a second server that wants a key, as the auth part makes it: one known key for a rep; GET /v1/me as the
    // contract has it, unless the auth part's own route is there already
    const users: Record<string, { email: string; name: string }> = { 'maya-key': { email: 'maya.chen@dealwise.demo', name: 'Maya Chen' } };
    const userFor = async (authorization: string | undefined): Promise<Actor & { email: string; name: string }> => {
      const user = users[(authorization ?? '').replace(/^Bearer /, '')];
      if (!user) throw new AppError('unauthorized', authorization ? 'Unknown API key' : 'An API key is required');
      return { ...(await localActor(runtime, user.email)), ...user };
    };
    keyed = await buildApp({ log: runtime.log, readiness: { runtime: () => runtime, startedAt: DEMO_NOW }, registry, actorFor: (request) => userFor(request.headers.authorization) });
    if (!keyed.hasRoute({ method: 'GET', url: '/v1/me' })) {
      keyed.get('/v1/me', async (request, reply) => {
        try {
          const { userId, email, name, role, teamId } = await userFor(request.headers.authorization);
          return { ok: true, user: { id: userId, email, name, role, teamId }, auth: 'key' };
        } catch (error) {
          return reply.code(401).send({ ok: false, error: { code: 'unauthorized', message: (error as Error).message } });
        }
      });
    }
    const keyedBase = await keyed.listen({ host: '127.0.0.1', port: 0 });
    const context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
    const repPage = await context.newPage();
    repPage.setDefaultTimeout(60_000);

    await repPage.goto(`${keyedBase}/`);
    await repPage.getByLabel('API key').fill('not-a-key');
    await repPage.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => repPage.getByRole('alert').innerText(), EVENTUALLY).toBe('That key was not accepted: Unknown API key');
    await repPage.getByLabel('API key').fill('maya-key');
    await repPage.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => repPage.locator('.who-name').innerText(), EVENTUALLY).toBe('Maya Chen · rep');

    await repPage.goto(`${keyedBase}/#/dashboard`);
    await expect.poll(() => repPage.locator('.panel:not([data-state])').count(), EVENTUALLY).toBe(0);
    const asRep = await fetch(`${keyedBase}/v1/tools/pipeline_summary`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer maya-key' }, body: '{}' });
    const repPipeline = ((await asRep.json()) as ToolReply<{ totals: { totalValue: Money } }>).data;
    const everyone = await tool<{ totals: { totalValue: Money } }>('pipeline_summary');
    expect(repPipeline.totals.totalValue.amountMinor).toBeLessThan(everyone.totals.totalValue.amountMinor);
    expect(await repPage.locator('[data-figure="pipeline-total"]').getAttribute('data-value')).toBe(String(repPipeline.totals.totalValue.amountMinor));
    expect(await repPage.locator('.dash-head + p').innerText()).toBe('As Maya Chen (rep): your own deals and leads.');
    await context.close();
  });
});
