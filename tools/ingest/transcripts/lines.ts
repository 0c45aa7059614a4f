// Text to lines the parsers agree on: BOM gone, CRLF and lone CR made LF, whitespace-only lines blank.

export function stripBom(content: string): string {
  return content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
}

export function toLines(content: string): string[] {
  return stripBom(content)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : line.replace(/\s+$/, '')));
}

/** A run of non-blank lines; `start` is the 0-based index of its first line (its line number is start + 1). */
export interface Block {
  start: number;
  lines: string[];
}

/** Blank-line separated blocks, as SRT and SBV files are written. */
export function blocksOf(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  lines.forEach((line, index) => {
    if (line === '') {
      current = null;
      return;
    }
    if (!current) {
      current = { start: index, lines: [] };
      blocks.push(current);
    }
    current.lines.push(line);
  });
  return blocks;
}

/** "Key: value" header lines (VTT metadata, a plain transcript's Date:/Participants:), key lower-cased. */
export function headerField(line: string): [string, string] | null {
  const m = /^([A-Za-z][A-Za-z -]{0,30}?)\s*:\s*(.*)$/.exec(line.trim());
  return m ? [(m[1] as string).toLowerCase(), (m[2] as string).trim()] : null;
}
