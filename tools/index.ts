import { leadSearch } from './leads/lead_search.tool.ts';
import { leadSetStage } from './leads/lead_set_stage.tool.ts';
import { ToolRegistry, type ToolDefinition } from './registry.ts';

// The catalog (../shared/TOOLS.md): every tool is listed here once, and every surface is generated from it.
export const allTools: ToolDefinition[] = [leadSearch, leadSetStage] as unknown as ToolDefinition[];

export const registry = new ToolRegistry(allTools);
