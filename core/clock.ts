// Time is injected: product code asks a Clock, tests hand in a fixed one.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at).getTime();
  if (Number.isNaN(instant)) throw new Error(`fixedClock: not a date: ${String(at)}`);
  return { now: () => new Date(instant) };
}
