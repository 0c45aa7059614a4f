import { scriptedModel, type ScriptedModel } from '../helpers/scripted-model.ts';

// The copilot model of the surface-matrix files: "stage <lead id>" proposes moving that lead to contacted
// (a write, so the turn parks on an approval); anything else lists the caller's leads and counts them.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export function surfaceModel(): ScriptedModel {
  return scriptedModel({
    route: (text) => ({ kind: 'plan', steps: [{ agent: 'lead', request: text }] }),
    step: (request, turn) => {
      const target = /stage/.test(request.request) ? UUID.exec(request.request)?.[0] : undefined;
      if (target) {
        if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `m${request.messages.length}`, name: 'lead_set_stage', input: { lead: target, stage: 'contacted', reason: 'surface matrix' } }] };
        return { kind: 'answer', text: turn.last.ok ? 'Moved.' : 'Left as it was.' };
      }
      if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `s${request.messages.length}`, name: 'lead_search', input: { limit: 5 } }] };
      const found = turn.parsed('lead_search') as { page: { total: number } } | undefined;
      return { kind: 'answer', text: `${found?.page.total ?? 0} leads found.` };
    },
  });
}
