import type { CallServices, ToolRegistry } from '../../tools/registry.ts';
import type { GenerateBriefing } from './deliver.ts';

// The briefing text comes from the briefing_generate tool, called as the audience user, so it shows what
// its reader may see and moves their "since last briefing" mark like any other briefing.

const AUDIENCES = new Set(['rep', 'manager', 'exec']);

export function briefingFromTool(registry: ToolRegistry, services: Omit<CallServices, 'now' | 'requestId'>): GenerateBriefing {
  return async (schedule, audience, now) => {
    const input = { markRead: true, ...(schedule.audienceRole && AUDIENCES.has(schedule.audienceRole) ? { audience: schedule.audienceRole } : {}) };
    const actor = { userId: audience.userId, role: audience.role, teamId: audience.teamId };
    const result = await registry.execute('briefing_generate', input, actor, { ...services, now, requestId: `briefing:${schedule.id}:${now.toISOString()}` });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    const { text } = result.data as { text: string };
    return { title: text.split('\n', 1)[0] ?? schedule.name, text };
  };
}
