import cliProgress from 'cli-progress';
import type { IngestProgress } from './types.ts';

// The CLI's progress bar: bytes of input read (when the parser reports offsets) with item counts and
// the rate. Written to stderr; without a TTY it prints a plain line every few seconds instead.

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

export interface ProgressBar {
  update(progress: IngestProgress): void;
  stop(): void;
}

export function createProgressBar(totalBytes: number, stream: NodeJS.WritableStream = process.stderr): ProgressBar {
  const bar = new cliProgress.SingleBar(
    {
      format: ' {bar} {percentage}% | {done}/{total_mb} MB | {processed} read: {created} new, {unchanged} unchanged, {rejected} rejected | {rate}/s | ETA {eta_formatted}',
      barsize: 24,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      etaBuffer: 50,
      stream,
    },
    cliProgress.Presets.shades_classic,
  );
  const total = Math.max(1, totalBytes);
  bar.start(total, 0, { done: '0.0', total_mb: mb(totalBytes), processed: 0, created: 0, unchanged: 0, rejected: 0, rate: 0 });
  return {
    update(p) {
      const rate = p.ms > 0 ? Math.round((p.processed / p.ms) * 1000) : 0;
      const value = Math.min(total, p.bytesDone ?? 0);
      bar.update(value, { done: mb(value), processed: p.processed, created: p.created, unchanged: p.unchanged, rejected: p.rejected, rate });
    },
    stop() {
      bar.stop();
    },
  };
}
