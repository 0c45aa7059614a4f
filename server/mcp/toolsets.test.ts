import { describe, expect, it } from 'vitest';
import { agentNamed } from '../../agents/index.ts';
import { registry } from '../../tools/index.ts';
import { parseToolset, toolsFor } from './toolsets.ts';

const listing = registry.list();
const names = (spec: string | undefined, role?: 'rep' | 'exec' | 'admin') => toolsFor(listing, role, parseToolset(spec)).map((t) => t.name).sort();

describe('toolsets', () => {
  it('offers everything by default and for "all"', () => {
    expect(names(undefined)).toEqual(registry.names());
    expect(names('all')).toEqual(registry.names());
  });

  it('offers one agent\'s tools with ask_copilot, and confirm_action where a write waits for approval', () => {
    expect(names('lead')).toEqual([...agentNamed('lead')!.toolNames, 'ask_copilot', 'confirm_action'].sort());
    expect(names(' Lead , analytics,lead')).toEqual(names('analytics,lead'));
    expect(parseToolset(' Lead , analytics,lead').name).toBe('analytics,lead');
  });

  it('offers the read-only set without any write, and combines it with an agent', () => {
    const readOnly = toolsFor(listing, undefined, parseToolset('read-only'));
    expect(readOnly.every((t) => t.annotations.readOnlyHint)).toBe(true);
    expect(readOnly.map((t) => t.name)).toContain('ask_copilot');
    expect(readOnly.map((t) => t.name)).not.toContain('confirm_action');
    expect(names('read-only,automation')).toContain('task_create');
  });

  it('filters by role with the registry\'s own rule: an exec gets no writes', () => {
    expect(toolsFor(listing, 'exec', parseToolset('lead')).filter((t) => !t.annotations.readOnlyHint)).toEqual([]);
    expect(names('lead', 'admin')).toEqual(names('lead'));
  });

  it('refuses an unknown name, listing the choices', () => {
    expect(() => parseToolset('lead,sales')).toThrow(/Unknown toolset "sales"/);
    try {
      parseToolset('sales');
    } catch (error) {
      expect((error as { hint: string }).hint).toBe('one or more of: all, read-only, lead, opportunity, communication, analytics, automation, intelligence (comma-separated)');
    }
  });
});
