import { z } from 'zod';
import type { OwnTextRow } from '../../../db/repos/comms-context.ts';
import { readTone, SHORT_WORDS, type Formality, type Length } from './detect.ts';

// The tone to write to someone in: measured from their own recent messages (mean formality score, median
// length), unless the caller asks for one. With nothing written by them yet, a formal, short default.

export const toneOutput = z
  .object({
    formality: z.enum(['formal', 'casual']).describe('register of the draft'),
    length: z.enum(['short', 'long']).describe('how long the draft runs'),
    source: z.enum(['override', 'measured', 'default']).describe('measured from the lead\'s own messages, asked for, or the default (no messages yet)'),
    basedOn: z.array(z.string()).describe('ids of the lead\'s messages the tone was measured from'),
    score: z.number().describe('mean formality score of those messages (> 0 formal, < 0 casual); 0 when not measured'),
    cues: z.array(z.string()).describe('what the measurement saw, e.g. "2 contraction(s)"'),
  })
  .describe('the tone used and why');

export type DraftTone = z.infer<typeof toneOutput>;

export function leadTone(texts: readonly OwnTextRow[], override?: Formality): DraftTone {
  const readings = texts.map((t) => ({ id: t.id, reading: readTone(t.body) }));
  const words = readings.map((r) => r.reading.features.words).sort((a, b) => a - b);
  const median = words.length === 0 ? 0 : (words[Math.floor((words.length - 1) / 2)] ?? 0);
  const measuredLength: Length = words.length === 0 || median < SHORT_WORDS ? 'short' : 'long';
  const score = readings.length === 0 ? 0 : readings.reduce((s, r) => s + r.reading.score, 0) / readings.length;
  const cues = [...new Set(readings.flatMap((r) => r.reading.cues))].slice(0, 6);
  if (override) return { formality: override, length: measuredLength, source: 'override', basedOn: readings.map((r) => r.id), score: round(score), cues };
  if (readings.length === 0) return { formality: 'formal', length: 'short', source: 'default', basedOn: [], score: 0, cues: [] };
  return { formality: score >= 0 ? 'formal' : 'casual', length: measuredLength, source: 'measured', basedOn: readings.map((r) => r.id), score: round(score), cues };
}

const round = (n: number) => Math.round(n * 100) / 100;
