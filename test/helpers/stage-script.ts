import type { Script } from './scripted-model.ts';

// A scripted copilot that asks to move a named lead to a stage ("move <Full Name> to <stage>") and then
// reports what the write returned: the approval fault tests drive it in one process and across kills.

export const stageScript: Script = {
  route: (text) => ({ kind: 'plan', steps: [{ agent: 'lead', request: text }] }),
  step(request, turn) {
    const asked = /move (.+) to (\w+)/i.exec(request.request);
    if (!asked) return { kind: 'answer', text: 'Say: move <lead> to <stage>.' };
    const move = turn.results.find((r) => r.name === 'lead_set_stage');
    if (!move) return { kind: 'tool_calls', calls: [{ id: `c-move-${request.messages.length}`, name: 'lead_set_stage', input: { lead: asked[1]!, stage: asked[2]!, reason: 'confirmed on the call' } }] };
    if (!move.ok) return { kind: 'answer', text: `Nothing changed: ${move.content}` };
    const out = JSON.parse(move.content) as { from: string; to: string };
    return { kind: 'answer', text: `${asked[1]} moved from ${out.from} to ${out.to}.` };
  },
};
