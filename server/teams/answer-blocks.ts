// An answer's text as Adaptive Card elements: TextBlocks render a little markdown (bold, lists, links) but not
// tables, so each markdown table becomes an Adaptive Card Table (schema 1.5, rendered by Teams).

const TABLE_LINE = /^\s*\|.*\|\s*$/;
const SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());

function table(lines: string[]): unknown {
  const [header, , ...body] = lines;
  const head = cellsOf(header!);
  // numbers read best right-aligned: a column whose body cells all start with a digit, $, - or +
  const numeric = head.map((_, i) => body.length > 0 && body.every((line) => /^[-+$]?\d/.test(cellsOf(line)[i] ?? '')));
  const row = (cells: string[], bold: boolean) => ({
    type: 'TableRow',
    cells: head.map((_, i) => ({
      type: 'TableCell',
      items: [{ type: 'TextBlock', text: cells[i] ?? '', wrap: true, ...(bold ? { weight: 'Bolder' } : {}), ...(numeric[i] ? { horizontalAlignment: 'Right' } : {}) }],
    })),
  });
  return {
    type: 'Table',
    columns: head.map(() => ({ width: 1 })),
    firstRowAsHeader: true,
    showGridLines: false,
    rows: [row(head, true), ...body.map((line) => row(cellsOf(line), false))],
  };
}

export function answerBlocks(text: string): unknown[] {
  const lines = text.split('\n');
  const blocks: unknown[] = [];
  let prose: string[] = [];
  const flush = () => {
    const joined = prose.join('\n').trim();
    if (joined) blocks.push({ type: 'TextBlock', text: joined, wrap: true });
    prose = [];
  };
  for (let i = 0; i < lines.length; i++) {
    // a table: a header row, a separator row, then rows
    if (TABLE_LINE.test(lines[i]!) && SEPARATOR.test(lines[i + 1] ?? '')) {
      let end = i + 2;
      while (end < lines.length && TABLE_LINE.test(lines[end]!)) end++;
      flush();
      blocks.push(table(lines.slice(i, end)));
      i = end - 1;
    } else {
      prose.push(lines[i]!);
    }
  }
  flush();
  return blocks;
}
