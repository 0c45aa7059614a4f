import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { RESOURCE_MIME_TYPE } from '@modelcontextprotocol/ext-apps/server';

// The dashboard as an MCP App (ext-apps): one self-contained HTML page (ECharts and the ext-apps App client
// inlined, since hosts render it in a sandbox without network), linked from the pipeline_summary and forecast
// tools. The host hands it the tool's structured result and it draws the chart.

export const DASHBOARD_URI = 'ui://dealwise/dashboard.html';
export const DASHBOARD_MIME_TYPE = RESOURCE_MIME_TYPE;
/** the tools whose results the dashboard draws */
export const DASHBOARD_TOOLS: ReadonlySet<string> = new Set(['pipeline_summary', 'forecast']);

const require = createRequire(import.meta.url);
let html: string | undefined;

/** the ext-apps bundle ends in `export{...,X as App}`: keep the code, name the App class for the page's script */
function appClientScript(): string {
  const bundle = readFileSync(require.resolve('@modelcontextprotocol/ext-apps/app-with-deps'), 'utf8');
  const exportAt = bundle.lastIndexOf('export{');
  const local = /(\w+) as App\b/.exec(bundle.slice(exportAt))?.[1];
  if (exportAt < 0 || !local) throw new Error('the ext-apps bundle no longer exports App as expected');
  return `${bundle.slice(0, exportAt)}\nconst DealwiseApp = ${local};`;
}

export function dashboardHtml(): string {
  if (html === undefined) {
    const template = readFileSync(new URL('./dashboard.html', import.meta.url), 'utf8');
    const echarts = readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8');
    // replacer functions: the bundles contain `$` sequences a replacement string would expand
    html = template.replace('/*ECHARTS*/', () => echarts).replace('/*EXT_APPS*/', () => appClientScript());
  }
  return html;
}
