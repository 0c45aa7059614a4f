import { ResourceNotFoundError, type Server } from '@modelcontextprotocol/server';
import { DASHBOARD_MIME_TYPE, DASHBOARD_URI, dashboardHtml } from './app/dashboard.ts';
import type { McpToolSource } from './source.ts';

// Resources an MCP client can attach as context: one deal in full, and one lead with its timeline. Each is
// read through the registry's own read tools, so scope holds exactly as for a tool call (someone else's deal
// is "not found").

const DEAL = /^dealwise:\/\/deal\/([^/]+)$/;
const LEAD_TIMELINE = /^dealwise:\/\/lead\/([^/]+)\/timeline$/;
const JSON_TYPE = 'application/json';
const LISTED_DEALS = 20;
const TIMELINE_ITEMS = 50;

const DASHBOARD_RESOURCE = { uri: DASHBOARD_URI, name: 'dashboard', title: 'Dealwise dashboard', description: 'Charts of pipeline_summary and forecast results (an MCP App)', mimeType: DASHBOARD_MIME_TYPE };

export const RESOURCE_TEMPLATES = [
  { uriTemplate: 'dealwise://deal/{deal}', name: 'deal', title: 'A deal', description: 'One opportunity in full: stage, value, history, contacts, risks. {deal} is an id or a name.', mimeType: JSON_TYPE },
  { uriTemplate: 'dealwise://lead/{lead}/timeline', name: 'lead-timeline', title: 'A lead and their timeline', description: 'One lead with their latest interactions (up to 50), score history and open tasks. {lead} is an id, an email or a name.', mimeType: JSON_TYPE },
];

/** Which read a resource URI stands for; undefined when the URI is none of ours. */
export function resourceCall(uri: string): { tool: string; input: Record<string, unknown> } | undefined {
  const deal = DEAL.exec(uri);
  if (deal) return { tool: 'opportunity_get', input: { opportunity: decodeURIComponent(deal[1]!) } };
  const lead = LEAD_TIMELINE.exec(uri);
  if (lead) return { tool: 'lead_get', input: { lead: decodeURIComponent(lead[1]!), interactionLimit: TIMELINE_ITEMS } };
  return undefined;
}

export function registerResources(server: Server, source: McpToolSource): void {
  server.setRequestHandler('resources/templates/list', async () => ({ resourceTemplates: RESOURCE_TEMPLATES }));

  // the caller's most recently touched open deals, so clients without template support can still attach one
  server.setRequestHandler('resources/list', async () => {
    const result = await source.call('opportunity_search', { limit: LISTED_DEALS });
    if (!result.ok) return { resources: [DASHBOARD_RESOURCE] };
    const deals = (result.data as { opportunities: { id: string; name: string; account: string; stage: string }[] }).opportunities;
    return {
      resources: [DASHBOARD_RESOURCE, ...deals.map((deal) => ({ uri: `dealwise://deal/${deal.id}`, name: deal.name, title: `${deal.name} (${deal.account}, ${deal.stage})`, mimeType: JSON_TYPE }))],
    };
  });

  server.setRequestHandler('resources/read', async (request) => {
    const { uri } = request.params;
    if (uri === DASHBOARD_URI) return { contents: [{ uri, mimeType: DASHBOARD_MIME_TYPE, text: dashboardHtml() }] };
    const read = resourceCall(uri);
    if (!read) throw new ResourceNotFoundError(uri, `Unknown resource ${uri}: use dealwise://deal/{deal} or dealwise://lead/{lead}/timeline`);
    const result = await source.call(read.tool, read.input);
    if (!result.ok) throw new ResourceNotFoundError(uri, `${result.error.message}${result.error.hint ? ` (${result.error.hint})` : ''}`);
    return { contents: [{ uri, mimeType: JSON_TYPE, text: JSON.stringify(result.data, null, 2) }] };
  });
}
