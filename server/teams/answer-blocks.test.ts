import { describe, expect, it } from 'vitest';
import { answerBlocks } from './answer-blocks.ts';

describe('answer text as Adaptive Card elements', () => {
  it('turns a markdown table into a Table with a header row, numbers right-aligned, and keeps the prose around it', () => {
    const text = [
      'Your pipeline: 267 open deals worth $50,611,420; 39 stuck.',
      '',
      '| stage | deals | value |',
      '| --- | ---: | --- |',
      '| prospecting | 44 | $9,065,000 |',
      '| qualification | 54 | $8,252,000 |',
      '',
      'Discovery holds the most stuck deals.',
    ].join('\n');
    const blocks = answerBlocks(text) as Record<string, unknown>[];
    expect(blocks.map((b) => b.type)).toEqual(['TextBlock', 'Table', 'TextBlock']);
    expect(blocks[0]).toEqual({ type: 'TextBlock', text: 'Your pipeline: 267 open deals worth $50,611,420; 39 stuck.', wrap: true });
    expect(blocks[2]).toMatchObject({ text: 'Discovery holds the most stuck deals.' });
    const rows = (blocks[1] as { rows: { cells: { items: { text: string; weight?: string; horizontalAlignment?: string }[] }[] }[] }).rows;
    expect(rows.map((r) => r.cells.map((c) => c.items[0]!.text))).toEqual([
      ['stage', 'deals', 'value'],
      ['prospecting', '44', '$9,065,000'],
      ['qualification', '54', '$8,252,000'],
    ]);
    expect(rows[0]!.cells.every((c) => c.items[0]!.weight === 'Bolder')).toBe(true);
    expect(rows[1]!.cells.map((c) => c.items[0]!.horizontalAlignment)).toEqual([undefined, 'Right', 'Right']);
  });

  it('leaves text without a separator row as prose (a lone | line is not a table)', () => {
    expect(answerBlocks('a | b\n| just pipes |\nend')).toEqual([{ type: 'TextBlock', text: 'a | b\n| just pipes |\nend', wrap: true }]);
  });
});
