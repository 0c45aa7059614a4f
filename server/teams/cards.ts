import type { Citation } from '../../agents/models/types.ts';
import type { TurnSummary } from '../../graph/collect.ts';
import { answerBlocks } from './answer-blocks.ts';

// Adaptive Cards (schema 1.5, what Teams renders) for answers and approvals, as plain JSON so tests can read them.

export type AdaptiveCard = { type: 'AdaptiveCard'; version: '1.5'; body: unknown[]; actions?: unknown[]; $schema: string };
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
/** what our approval buttons carry back (Action.Execute data, or Action.Submit value) */
export interface ApprovalActionData {
  dealwise: 'approval';
  approvalId: string;
  /** our user id of the person who asked: only they may press the buttons */
  requesterId: string;
  tool: string;
}
export type ApprovalVerb = 'approve' | 'reject';

const card = (body: unknown[], actions?: unknown[]): AdaptiveCard => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body,
  ...(actions && actions.length > 0 ? { actions } : {}),
});
const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: value, wrap: true, ...extra });

/** The web page's record view for a citation, when it has one. */
export function recordLink(publicUrl: string, citation: Citation): string | undefined {
  const id = encodeURIComponent(citation.id);
  if (citation.kind === 'opportunity' || citation.kind === 'deal') return `${publicUrl}/#/deals/${id}`;
  if (citation.kind === 'lead') return `${publicUrl}/#/leads/${id}`;
  return undefined;
}

function citationBlocks(publicUrl: string, citations: Citation[]): unknown[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const citation of citations) {
    const key = `${citation.kind}:${citation.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const label = (citation.label ?? `${citation.kind} ${citation.id}`).replace(/[[\]]/g, '');
    const link = recordLink(publicUrl, citation);
    lines.push(link ? `- [${label}](${link})` : `- ${label}`);
  }
  return lines.length === 0 ? [] : [text('Sources', { weight: 'Bolder', size: 'Small', spacing: 'Medium', separator: true }), text(lines.join('\n'), { size: 'Small' })];
}

/** A turn's answer (or its error) with the records it cites as links to the web page. */
export function answerCard(turn: Pick<TurnSummary, 'answer' | 'citations' | 'error'>, publicUrl: string): AdaptiveCard {
  if (turn.error) return card([text(`Sorry, that did not work: ${turn.error.message}`, { color: 'Attention' })]);
  return card([...answerBlocks(turn.answer || 'Done.'), ...citationBlocks(publicUrl, turn.citations)]);
}

function shown(value: unknown): string {
  const raw = typeof value === 'string' ? value : JSON.stringify(value);
  return raw.length > 200 ? `${raw.slice(0, 199)}…` : raw;
}

function facts(record: unknown): { title: string; value: string }[] {
  if (typeof record !== 'object' || record === null) return record === undefined ? [] : [{ title: 'value', value: shown(record) }];
  return Object.entries(record as Record<string, unknown>)
    .filter(([, value]) => value !== undefined && value !== null)
    .slice(0, 12)
    .map(([title, value]) => ({ title, value: shown(value) }));
}

/** A proposed change with Approve / Reject buttons (Universal Actions: Teams sends an adaptiveCard/action invoke). */
export function approvalCard(approval: { id: string; tool: string; input: Record<string, unknown>; preview: unknown }, requesterId: string): AdaptiveCard {
  const data: ApprovalActionData = { dealwise: 'approval', approvalId: approval.id, requesterId, tool: approval.tool };
  // clients without Universal Actions fall back to Action.Submit, which arrives as a message carrying the data
  const button = (verb: ApprovalVerb, title: string, style: string) => ({ type: 'Action.Execute', verb, title, style, data, fallback: { type: 'Action.Submit', title, data: { ...data, verb } } });
  return card(
    [
      text(`Approve this change? (${approval.tool})`, { weight: 'Bolder' }),
      { type: 'FactSet', facts: facts(approval.input) },
      ...(approval.preview === undefined || approval.preview === null ? [] : [text('What it would change', { size: 'Small', isSubtle: true }), { type: 'FactSet', facts: facts(approval.preview) }]),
    ],
    [button('approve', 'Approve', 'positive'), button('reject', 'Reject', 'destructive')],
  );
}

/** The approval card once decided: same facts, no buttons, who decided. */
export function decidedCard(tool: string, verb: ApprovalVerb, by: string): AdaptiveCard {
  return card([text(`${verb === 'approve' ? 'Approved' : 'Rejected'} by ${by}: ${tool}`, { weight: 'Bolder', color: verb === 'approve' ? 'Good' : 'Warning' })]);
}

export const cardAttachment = (content: AdaptiveCard) => ({ contentType: ADAPTIVE_CARD, content });

export function isApprovalActionData(value: unknown): value is ApprovalActionData {
  const data = value as Partial<ApprovalActionData> | null;
  return typeof data === 'object' && data !== null && data.dealwise === 'approval' && typeof data.approvalId === 'string' && typeof data.requesterId === 'string';
}
