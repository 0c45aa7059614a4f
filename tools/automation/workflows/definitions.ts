import { StepFailed, type RunState, type StepCall, type StepOutcome, type WorkflowDefinition } from './types.ts';

// The shipped workflows. Each action step is one or more registry calls; what they return feeds the next.

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const lead = (s: RunState) => s.outputs.lead as { id: string; name: string };
const deal = (s: RunState) => s.outputs.deal as { id: string; name: string };

/** A step that only runs when the tool exists in this build (e.g. the communication agent's drafts). */
async function optional(call: StepCall, tool: string, input: Record<string, unknown>): Promise<StepOutcome> {
  try {
    return { output: await call(tool, input) };
  } catch (error) {
    if (error instanceof StepFailed && error.code === 'not_found:tool') return { skipped: `${tool} is not available in this build` };
    throw error;
  }
}

export const onboardLead: WorkflowDefinition = {
  name: 'onboard_lead',
  description: 'find the lead and its duplicates, assign an owner (managers), score, approval gate before outreach, intro draft, call task',
  requires: ['lead'],
  steps: [
    {
      key: 'lead',
      run: async (call, s) => {
        const out = await call('lead_get', { lead: str(s.input.lead) });
        const l = out.lead as { id: string; fullName: string };
        return { output: { id: l.id, name: l.fullName } };
      },
    },
    {
      key: 'dedupe',
      needs: ['lead'],
      run: async (call, s) => {
        const out = await call('lead_find_duplicates', { lead: lead(s).id, minSimilarity: 0.8 });
        const pairs = (out.pairs as unknown[] | undefined) ?? [];
        // merging is destructive and stays a person's decision: the workflow reports, lead_merge acts
        return { output: { likelyDuplicates: pairs.length } };
      },
    },
    {
      key: 'assign',
      needs: ['lead'],
      compensate: true,
      run: async (call, s) => (s.actor.role === 'rep' ? { skipped: 'a rep keeps their own lead; managers assign' } : { output: await call('lead_assign', { lead: lead(s).id }) }),
    },
    { key: 'score', needs: ['lead'], run: async (call, s) => ({ output: await call('lead_score', { lead: lead(s).id }) }) },
    { key: 'approve_outreach', needs: ['lead'], gate: { title: (s) => `Approve intro outreach to ${lead(s).name}`, approverRole: 'manager' } },
    { key: 'intro_draft', needs: ['lead'], run: (call, s) => optional(call, 'draft_email', { lead: lead(s).id, purpose: 'intro' }) },
    {
      key: 'call_task',
      needs: ['lead'],
      compensate: true,
      run: async (call, s) => ({ output: await call('task_create', { title: `Intro call with ${lead(s).name}`, lead: lead(s).id, due: 'in 1 business day', type: 'call', priority: 'high' }) }),
    },
  ],
};

export const closeLost: WorkflowDefinition = {
  name: 'close_lost',
  description: 'approval gate, close the deal as lost with the reason, cancel its open tasks, nurture follow-up in 90 days',
  requires: ['opportunity', 'reason'],
  steps: [
    {
      key: 'deal',
      run: async (call, s) => {
        const out = await call('opportunity_get', { opportunity: str(s.input.opportunity) });
        const o = out.opportunity as { id: string; name: string };
        return { output: { id: o.id, name: o.name } };
      },
    },
    { key: 'approve_close', needs: ['deal'], gate: { title: (s) => `Close ${deal(s).name} as lost: ${str(s.input.reason)}`, approverRole: 'manager' } },
    {
      key: 'set_stage',
      needs: ['deal'],
      compensate: true,
      run: async (call, s) => ({
        output: await call('opportunity_set_stage', {
          opportunity: deal(s).id, stage: 'closed_lost', reason: str(s.input.reason), lostReason: str(s.input.reason),
          ...(s.input.competitor ? { lostToCompetitor: str(s.input.competitor) } : {}),
        }),
      }),
    },
    {
      key: 'cancel_tasks',
      needs: ['deal'],
      compensate: true,
      run: async (call, s) => {
        const open = (await call('task_list', { opportunity: deal(s).id, status: 'active', limit: 100 })).tasks as { id: string }[];
        for (const t of open) await call('task_update', { task: t.id, status: 'cancelled' });
        return { output: { cancelled: open.map((t) => t.id) } };
      },
    },
    {
      key: 'nurture',
      needs: ['deal'],
      compensate: true,
      run: async (call, s) => ({
        output: await call('task_create', { title: `Nurture: check back on ${deal(s).name}`, opportunity: deal(s).id, due: 'in 90 days', type: 'follow_up', priority: 'low', description: 'Closed lost; re-engage with what changed since.' }),
      }),
    },
  ],
};

export const WORKFLOWS: Record<string, WorkflowDefinition> = { onboard_lead: onboardLead, close_lost: closeLost };
export const WORKFLOW_NAMES = ['onboard_lead', 'close_lost'] as const;
