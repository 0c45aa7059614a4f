import type { types } from '@slack/bolt';
import type { Citation } from '../../agents/models/types.ts';

type KnownBlock = types.KnownBlock;

// Answers as Block Kit: the copilot writes Markdown (tables included); Slack reads mrkdwn and has no
// Markdown tables, so each table row becomes one readable line. Citations link to the web page's record view.

const SECTION_LIMIT = 2900; // Slack refuses a section text over 3000 characters
const BLOCK_LIMIT = 50;
const CONTEXT_ELEMENTS = 10;

/** Slack's escaping for the three characters it treats as markup. */
export const escapeSlack = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Markdown (bold, links, headings, bullets) to Slack mrkdwn. */
export function toMrkdwn(markdown: string): string {
  return escapeSlack(markdown)
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, (_m, label: string, url: string) => `<${url}|${label}>`)
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
    .replace(/^#{1,6}\s+(.+)$/gm, '*$1*')
    .replace(/^(\s*)[-*]\s+/gm, '$1• ');
}

const cellsOf = (line: string): string[] => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => cell.trim());
const isSeparator = (line: string): boolean => /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/.test(line.trim());

/** One line per row: the first column in bold, the others as `header: value`. */
export function tableToLines(lines: string[]): string[] {
  const [head, ...rest] = lines;
  const headers = cellsOf(head ?? '');
  return rest
    .filter((line) => !isSeparator(line))
    .map((line) => {
      const cells = cellsOf(line);
      const others = cells.slice(1).map((cell, i) => `${toMrkdwn(headers[i + 1] ?? '')}: ${toMrkdwn(cell)}`);
      return [`*${toMrkdwn(cells[0] ?? '')}*`, others.join(' · ')].filter(Boolean).join(' — ');
    });
}

/** The answer's text as mrkdwn paragraphs, tables turned into lines. */
export function answerLines(markdown: string): string[] {
  const out: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim().startsWith('|') && i + 1 < lines.length && isSeparator(lines[i + 1]!)) {
      const table: string[] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('|')) table.push(lines[i++]!);
      i--;
      out.push(...tableToLines(table));
    } else {
      out.push(toMrkdwn(lines[i]!));
    }
  }
  return out;
}

function sections(lines: string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = '';
  const flush = () => {
    if (current.trim() !== '') blocks.push({ type: 'section', text: { type: 'mrkdwn', text: current.trimEnd() } });
    current = '';
  };
  for (const line of lines) {
    // a single line longer than a section is cut, never sent whole (Slack would refuse the message)
    const piece = line.length > SECTION_LIMIT ? `${line.slice(0, SECTION_LIMIT - 1)}…` : line;
    if (current.length + piece.length + 1 > SECTION_LIMIT) flush();
    current += `${piece}\n`;
  }
  flush();
  return blocks;
}

/** Where a cited record opens in the web page, when it has a record view. */
export function recordUrl(publicUrl: string, citation: Citation): string | undefined {
  const base = publicUrl.replace(/\/+$/, '');
  const id = encodeURIComponent(citation.id);
  if (citation.kind === 'opportunity' || citation.kind === 'deal') return `${base}/#/deals/${id}`;
  if (citation.kind === 'lead') return `${base}/#/leads/${id}`;
  return undefined;
}

function citationText(publicUrl: string, citation: Citation): string {
  const label = escapeSlack(citation.label ?? `${citation.kind} ${citation.id.slice(0, 8)}`);
  const url = recordUrl(publicUrl, citation);
  return url ? `<${url}|${label}>` : label;
}

function citationBlocks(publicUrl: string, citations: Citation[]): KnownBlock[] {
  const seen = new Set<string>();
  const unique = citations.filter((c) => !seen.has(`${c.kind}:${c.id}`) && seen.add(`${c.kind}:${c.id}`));
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < unique.length; i += CONTEXT_ELEMENTS) {
    const chunk = unique.slice(i, i + CONTEXT_ELEMENTS);
    blocks.push({ type: 'context', elements: chunk.map((c, j) => ({ type: 'mrkdwn', text: `${i + j === 0 ? 'Sources: ' : ''}${citationText(publicUrl, c)}` })) });
  }
  return blocks;
}

export interface RenderedMessage {
  /** plain text for notifications and clients without blocks */
  text: string;
  blocks: KnownBlock[];
}

export function answerMessage(answer: string, citations: Citation[], publicUrl: string): RenderedMessage {
  const lines = answerLines(answer.trim() === '' ? '_(no answer)_' : answer);
  const body = sections(lines);
  const sources = citationBlocks(publicUrl, citations);
  let blocks = [...body, ...(body.length > 0 && sources.length > 0 ? [{ type: 'divider' } as KnownBlock] : []), ...sources];
  if (blocks.length > BLOCK_LIMIT) {
    blocks = [...blocks.slice(0, BLOCK_LIMIT - 1), { type: 'context', elements: [{ type: 'mrkdwn', text: '_The answer was cut: ask for less at once._' }] }];
  }
  return { text: lines.join('\n').slice(0, 3000), blocks };
}

export const APPROVE_ACTION = 'dealwise_approve';
export const REJECT_ACTION = 'dealwise_reject';

/** What a button carries: the approval, and the Slack user who asked (the only one who may press it). */
export interface ApprovalButtonValue {
  approvalId: string;
  askedBy: string;
}

export function parseButtonValue(value: string | undefined): ApprovalButtonValue | undefined {
  try {
    const parsed = JSON.parse(value ?? '') as Partial<ApprovalButtonValue>;
    return typeof parsed.approvalId === 'string' && typeof parsed.askedBy === 'string' ? { approvalId: parsed.approvalId, askedBy: parsed.askedBy } : undefined;
  } catch {
    return undefined;
  }
}

function approvalSummary(tool: string, input: Record<string, unknown>, preview: unknown): string {
  const shown = JSON.stringify(preview ?? input, null, 2);
  const trimmed = shown.length > 2000 ? `${shown.slice(0, 1999)}…` : shown;
  return `*Approval needed:* \`${escapeSlack(tool)}\`\n\`\`\`${escapeSlack(trimmed)}\`\`\``;
}

export function approvalMessage(approval: { approvalId: string; tool: string; input: Record<string, unknown>; preview: unknown }, askedBy: string): RenderedMessage {
  const value = JSON.stringify({ approvalId: approval.approvalId, askedBy } satisfies ApprovalButtonValue);
  return {
    text: `Approval needed: ${approval.tool}`,
    blocks: [
      { type: 'section', block_id: 'approval_summary', text: { type: 'mrkdwn', text: approvalSummary(approval.tool, approval.input, approval.preview) } },
      {
        type: 'actions',
        block_id: `approval:${approval.approvalId}`,
        elements: [
          { type: 'button', action_id: APPROVE_ACTION, style: 'primary', text: { type: 'plain_text', text: 'Approve' }, value },
          { type: 'button', action_id: REJECT_ACTION, style: 'danger', text: { type: 'plain_text', text: 'Reject' }, value },
        ],
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Only <@${askedBy}> can decide this.` }] },
    ],
  };
}

/** The approval message once decided: the summary stays, the buttons go. */
export function decidedMessage(summaryText: string, decision: 'approve' | 'reject', userId: string): RenderedMessage {
  const verdict = decision === 'approve' ? `:white_check_mark: Approved by <@${userId}>` : `:x: Rejected by <@${userId}>`;
  return {
    text: verdict,
    blocks: [
      { type: 'section', block_id: 'approval_summary', text: { type: 'mrkdwn', text: summaryText } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: verdict }] },
    ],
  };
}
