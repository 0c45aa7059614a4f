import { writeFileSync } from 'node:fs';

// What a bench hands to `npm run bench` (evals/bench/all.ts): its figures as rows of one table. Each bench
// script writes them to the file given by its --figures flag, beside its own printed report (unchanged).

export interface Figure {
  area: 'tools' | 'ingest' | 'chat' | 'vector';
  /** what was measured: a tool and role, an import stage, a concurrency level, a search plan */
  name: string;
  metric: string;
  value: number;
  unit: string;
  note?: string;
}

export function writeFigures(file: string | undefined, figures: readonly Figure[]): void {
  if (file) writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
}
