import { ApiError, callTool, getJson } from './api.js';
import { accuracyOption, forecastOption, funnelOption, leaderboardOption, pipelineOption } from './charts.js';
import { el, money, percent, recordHref } from './format.js';
import { mayCall } from './roles.js';

// The dashboard: one panel per tool, each called through POST /v1/tools/<name> as the signed-in user, so the
// role's scope applies (a rep sees their own deals, a manager the team's). Panels for tools the role may not
// call are left out.

const PERIODS = [
  ['this_quarter', 'This quarter'],
  ['last_quarter', 'Last quarter'],
  ['next_quarter', 'Next quarter'],
  ['this_month', 'This month'],
];

const PANELS = [
  { id: 'pipeline', tool: 'pipeline_summary', title: 'Open pipeline by stage', input: () => ({}), render: renderPipeline },
  { id: 'forecast', tool: 'forecast', title: 'Forecast', input: (period) => ({ period, groupBy: 'rep' }), render: renderForecast },
  { id: 'funnel', tool: 'funnel_report', title: 'Lead funnel', input: (period) => ({ period }), render: renderFunnel },
  { id: 'leaderboard', tool: 'rep_leaderboard', title: 'Rep leaderboard', input: (period) => ({ period }), render: renderLeaderboard },
  { id: 'risk', tool: 'risk_scan', title: 'At-risk deals', input: () => ({ recordType: 'opportunity', limit: 10 }), render: renderRisks },
  { id: 'accuracy', tool: 'forecast_accuracy', title: 'Forecast accuracy over time', input: () => ({ limit: 24 }), render: renderAccuracy },
];

export function createDashboard(root, who) {
  const charts = [];
  const period = el('select', { name: 'period', 'aria-label': 'Period' }, PERIODS.map(([value, label]) => el('option', { value }, label)));
  const note = el('p', { class: 'muted' });
  const grid = el('div', { class: 'panels' });
  root.append(el('div', { class: 'dash-head' }, el('h2', {}, 'Dashboard'), el('label', {}, 'Period ', period)), note, grid);
  window.addEventListener('resize', () => charts.forEach((chart) => chart.resize()));

  let loads = 0;
  const load = async () => {
    // a newer load (the period changed again) owns the grid; an older one drops its late results
    const generation = ++loads;
    charts.splice(0).forEach((chart) => chart.dispose());
    grid.replaceChildren();
    const { tools } = await getJson('/v1/tools');
    if (generation !== loads) return;
    const listed = new Map(tools.map((tool) => [tool.name, tool]));
    const role = who.user?.role;
    const allowed = (name) => {
      const tool = listed.get(name);
      return Boolean(tool) && (!role || mayCall(role, tool.minRole, !tool.annotations.readOnlyHint));
    };
    const shown = PANELS.filter((panel) => allowed(panel.tool));
    note.textContent = role
      ? `As ${who.user.name} (${role}): ${role === 'rep' ? 'your own deals and leads' : role === 'manager' ? "your team's records" : 'the whole organisation'}.`
      : 'As the local user.';
    const context = { allowed, drawChart: (node, option) => charts.push(drawChart(node, option)) };
    await Promise.all(
      shown.map(async (panel) => {
        const body = el('div', { class: 'panel-body' }, el('p', { class: 'muted' }, 'Loading…'));
        grid.append(el('section', { class: 'panel', id: `panel-${panel.id}`, dataset: { tool: panel.tool } }, el('h3', {}, panel.title), body));
        try {
          const data = await callTool(panel.tool, panel.input(period.value));
          if (generation !== loads) return;
          body.replaceChildren();
          panel.render(body, data, context);
          body.closest('section').dataset.state = 'ready';
        } catch (error) {
          body.replaceChildren(el('p', { class: 'error' }, error instanceof ApiError ? `${error.message}${error.hint ? ` (${error.hint})` : ''}` : String(error)));
          body.closest('section').dataset.state = 'error';
        }
      }),
    );
  };
  period.addEventListener('change', () => void load());
  return { load };
}

function drawChart(node, option) {
  const chart = window.echarts.init(node, null, { renderer: 'svg' });
  chart.setOption(option);
  node.dataset.rendered = 'true';
  return chart;
}

const figure = (name, label, text, value) => el('div', { class: 'figure' }, el('span', { class: 'figure-label' }, label), el('span', { class: 'figure-value', dataset: { figure: name, value: String(value) } }, text));
const figures = (...items) => el('div', { class: 'figures' }, items);
const chartBox = (name) => el('div', { class: 'chart', dataset: { chart: name } });

function renderPipeline(body, data, { drawChart }) {
  const chart = chartBox('pipeline');
  body.append(
    figures(
      figure('pipeline-total', 'Open value', money(data.totals.totalValue), data.totals.totalValue.amountMinor),
      figure('pipeline-weighted', 'Weighted', money(data.totals.weightedValue), data.totals.weightedValue.amountMinor),
      figure('pipeline-count', 'Open deals', data.totals.count, data.totals.count),
      figure('pipeline-stuck', 'Stuck', data.totals.stuckCount, data.totals.stuckCount),
    ),
    chart,
  );
  drawChart(chart, pipelineOption(data));
}

function renderForecast(body, data, { drawChart }) {
  const total = data.total;
  const chart = chartBox('forecast');
  body.append(
    el('p', { class: 'muted' }, `${data.period.label}, ${data.simulation.runs.toLocaleString('en-US')} simulated outcomes`),
    figures(
      figure('forecast-p50', 'Most likely (P50)', money(total.p50), total.p50.amountMinor),
      figure('forecast-interval', '80% interval (P10-P90)', `${money(total.p10)} – ${money(total.p90)}`, `${total.p10.amountMinor}-${total.p90.amountMinor}`),
      figure('forecast-won', 'Won so far', money(total.won), total.won.amountMinor),
      figure('forecast-commit', 'Commit', money(total.commit), total.commit.amountMinor),
    ),
    chart,
  );
  chart.classList.add('tall');
  drawChart(chart, forecastOption(data));
}

function renderFunnel(body, data, { drawChart }) {
  const chart = chartBox('funnel');
  body.append(
    el('p', { class: 'muted' }, `Leads created in ${data.period.label}`),
    figures(
      figure('funnel-leads', 'Leads', data.overall.leads, data.overall.leads),
      figure('funnel-conversion', 'Lead to customer', percent(data.overall.overallConversion), data.overall.overallConversion ?? ''),
    ),
    chart,
  );
  drawChart(chart, funnelOption(data));
}

function renderLeaderboard(body, data, { drawChart }) {
  const chart = chartBox('leaderboard');
  const rows = data.reps.map((r) =>
    el('tr', { dataset: { repId: r.repId } }, el('td', {}, r.rank ?? '–'), el('td', {}, r.name), el('td', { class: 'num' }, money(r.wonRevenue)), el('td', { class: 'num' }, percent(r.winRate)), el('td', { class: 'num' }, percent(r.attainment))),
  );
  body.append(
    el('p', { class: 'muted' }, `${data.period.label}, ranked by ${data.rankBy.replace(/_/g, ' ')}`),
    chart,
    el('table', { class: 'compact' }, el('thead', {}, el('tr', {}, ['#', 'Rep', 'Won', 'Win rate', 'Quota'].map((h) => el('th', {}, h)))), el('tbody', {}, rows)),
  );
  chart.classList.add('tall');
  drawChart(chart, leaderboardOption(data));
}

function renderRisks(body, data) {
  const rows = data.alerts.map((a) =>
    el(
      'tr',
      { class: `severity-${a.severity}` },
      el('td', {}, el('span', { class: `badge ${a.severity}` }, a.severity)),
      el('td', {}, el('a', { href: recordHref(a.recordType, a.recordId) }, a.name), el('div', { class: 'muted small' }, a.signals.map((s) => s.detail).join('; '))),
      el('td', {}, a.owner ?? '–'),
      el('td', { class: 'num' }, a.valueMinor === null ? '–' : money(a.valueMinor, a.currency)),
    ),
  );
  body.append(
    figures(
      figure('risk-high', 'High', data.counts.high, data.counts.high),
      figure('risk-medium', 'Medium', data.counts.medium, data.counts.medium),
      figure('risk-low', 'Low', data.counts.low, data.counts.low),
    ),
    rows.length ? el('table', { class: 'compact' }, el('tbody', {}, rows)) : el('p', { class: 'muted' }, 'No open deal is at risk.'),
  );
}

function renderAccuracy(body, data, { drawChart, allowed }) {
  const o = data.overall;
  body.append(
    figures(
      figure('accuracy-mape', 'MAPE (P50)', o.mape === null ? '–' : `${o.mape}%`, o.mape ?? ''),
      figure('accuracy-coverage', 'Actual inside P10-P90', o.coverage === null ? '–' : `${o.coverage}%`, o.coverage ?? ''),
      figure('accuracy-evaluated', 'Snapshots scored', o.evaluated, o.evaluated),
    ),
  );
  if (data.rows.length > 0) {
    const chart = chartBox('accuracy');
    body.append(chart);
    drawChart(chart, accuracyOption(data));
  } else {
    body.append(el('p', { class: 'muted' }, data.notes.join(' ') || 'No forecast snapshot has a finished period yet.'));
    if (allowed('forecast_snapshot')) {
      const button = el('button', { type: 'button' }, 'Snapshot this quarter’s forecast');
      button.addEventListener('click', async () => {
        button.disabled = true;
        await callTool('forecast_snapshot', { period: 'this_quarter' });
        button.textContent = 'Snapshot taken: scored once the quarter ends';
      });
      body.append(button);
    }
  }
}
