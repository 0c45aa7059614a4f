import type { ToolSpec } from '../types.ts';
import type { Mention } from './mentions.ts';
import { fillSlots } from './slots.ts';

// Follow-ups that keep the earlier call and change one of its options: "by win rate" after a leaderboard,
// "make it formal" after a draft, "only the ones not responding" after a risk scan. The test is the tool's
// own slot filling: the message, read as that tool's request, sets an enum option to a new value.

interface Schema {
  properties?: Record<string, { enum?: unknown[]; type?: string }>;
}

export function changesOption(spec: ToolSpec, text: string, previous: Record<string, unknown>, mentions: Mention[], now: Date): boolean {
  // a message that names records asks about them, not about an option
  if (mentions.some((m) => m.entities.some((e) => e.kind === 'lead' || e.kind === 'opportunity' || e.kind === 'account'))) return false;
  const props = (spec.inputSchema as Schema).properties ?? {};
  const options = Object.keys(props).filter((f) => Array.isArray(props[f]!.enum));
  if (options.length === 0) return false;
  const filled = fillSlots({ tool: spec, text, mentions, focus: [], entities: [], now, previous });
  if (filled.kind !== 'call') return false;
  return options.some((f) => filled.input[f] !== undefined && filled.input[f] !== previous[f]);
}
