import type { CallExample } from './agent.ts';

// Example utterances for the communication agent's tools, as data: what a user says and the call it
// should become (the router and the copilot's eval read these; argument names match the tool schemas).

export const communicationCallExamples: readonly CallExample[] = [
  { utterance: 'Write a follow-up email to Dana Ruiz about our call', tool: 'draft_email', args: { lead: 'Dana Ruiz', purpose: 'follow_up' } },
  { utterance: 'Draft a casual meeting request to dana@acme.com', tool: 'draft_email', args: { lead: 'dana@acme.com', purpose: 'meeting_request', tone: 'casual' } },
  { utterance: 'Answer the Acme renewal contact\'s pricing pushback by email', tool: 'draft_email', args: { opportunity: 'Acme renewal', purpose: 'objection_response' } },
  { utterance: 'Send the proposal email for the Globex expansion', tool: 'draft_email', args: { opportunity: 'Globex expansion', purpose: 'proposal' } },
  { utterance: 'Try to revive things with Priya Shah, she went quiet', tool: 'draft_email', args: { lead: 'Priya Shah', purpose: 're_engage' } },
  { utterance: 'Build a 5-step nurture sequence for Tom Becker', tool: 'draft_sequence', args: { lead: 'Tom Becker', purpose: 'nurture', steps: 5 } },
  { utterance: 'Text Dana a quick reminder about tomorrow', tool: 'draft_message', args: { lead: 'Dana Ruiz', channel: 'sms', purpose: 'follow_up' } },
  { utterance: 'WhatsApp Priya to set up a call', tool: 'draft_message', args: { lead: 'Priya Shah', channel: 'whatsapp', purpose: 'meeting_request' } },
  { utterance: 'Give me a call script for my call with Tom Becker', tool: 'call_script', args: { lead: 'Tom Becker' } },
  { utterance: 'Prep me for the discovery call on the Initech deal', tool: 'call_script', args: { opportunity: 'Initech' } },
  { utterance: 'They said "we need to run this by our CFO first" — how do I answer?', tool: 'objection_response', args: { objection: 'we need to run this by our CFO first' } },
  { utterance: 'Dana says it is too expensive, what worked before?', tool: 'objection_response', args: { objection: 'it is too expensive', lead: 'Dana Ruiz' } },
  { utterance: 'Brief me before my meeting with Acme', tool: 'meeting_brief', args: { account: 'Acme' } },
  { utterance: 'What should I know before the Globex expansion meeting?', tool: 'meeting_brief', args: { opportunity: 'Globex expansion' } },
  { utterance: 'Summarise yesterday\'s proposal review and make tasks from the action items', tool: 'meeting_summary', args: { interaction: 'Proposal review', createTasks: true } },
  { utterance: 'Summarise these notes: agreed pilot in July, Dana sends the security questionnaire by Friday', tool: 'meeting_summary', args: { text: 'agreed pilot in July, Dana sends the security questionnaire by Friday' } },
  { utterance: 'Log a call with Dana: she wants a demo next week, booked it for Tuesday', tool: 'interaction_log', args: { lead: 'Dana Ruiz', kind: 'call', text: 'She wants a demo next week, booked it for Tuesday' } },
  { utterance: 'Record that Priya emailed saying the budget is frozen until Q3', tool: 'interaction_log', args: { lead: 'Priya Shah', kind: 'email', direction: 'inbound', text: 'The budget is frozen until Q3' } },
];
