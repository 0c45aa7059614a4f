import fc from 'fast-check';

// How much fuzzing a run does: `npm test` runs a few cases per target (CI), `npm run fuzz` sets FUZZ_RUNS
// (>= 1000). A fixed seed makes a failure reproducible; FUZZ_SEED replays another one. Test-only knobs:
// product code never reads them (core/env.ts holds the product's environment).

const DEFAULT_SEED = 20_261_207;

function positiveInt(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

export const FUZZ_RUNS = positiveInt(process.env.FUZZ_RUNS, 'FUZZ_RUNS');
export const FUZZ_SEED = positiveInt(process.env.FUZZ_SEED, 'FUZZ_SEED') ?? DEFAULT_SEED;
/** true under `npm run fuzz` */
export const FULL_RUN = FUZZ_RUNS !== undefined;

/** Cases for one target: FUZZ_RUNS in the full run, `ci` inside `npm test`. */
export function runsFor(ci: number): number {
  return FUZZ_RUNS ?? ci;
}

export interface Tally {
  target: string;
  ran: number;
  failed: number;
}

const tallies = new Map<string, Tally>();

/**
 * Runs a property with the run's seed and prints how many cases ran and failed. A failure is rethrown
 * with fast-check's report (seed, path, counterexample) so it can be replayed with FUZZ_SEED.
 */
export async function fuzz<T>(target: string, property: fc.IAsyncPropertyWithHooks<T> | fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  const details = await fc.check(property, { numRuns, seed: FUZZ_SEED, endOnFailure: true });
  const tally = tallies.get(target) ?? { target, ran: 0, failed: 0 };
  tally.ran += details.numRuns;
  if (details.failed) tally.failed += 1;
  tallies.set(target, tally);
  console.log(`[fuzz] ${target}: ${details.numRuns} cases ran, ${details.failed ? 1 : 0} failed (target total ${tally.ran} ran, ${tally.failed} failed; seed ${FUZZ_SEED})`);
  if (details.failed) {
    // the counterexample can hold 100k-char strings: show its start, and how to replay it in full
    const example = JSON.stringify(details.counterexample, (_key, value: unknown) => (typeof value === 'string' && value.length > 80 ? `${value.slice(0, 80)}…(${value.length} chars)` : value));
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const message = `${target} failed: ${cause.slice(0, 1500)}\ncounterexample: ${example?.slice(0, 1500)}\nreplay: FUZZ_SEED=${FUZZ_SEED} (path ${details.counterexamplePath})`;
    console.log(`[fuzz] ${message}`);
    throw new Error(message);
  }
}

/** Per-target figures so far in this worker (for a file's summary line). */
export function tallyOf(target: string): Tally {
  return tallies.get(target) ?? { target, ran: 0, failed: 0 };
}
