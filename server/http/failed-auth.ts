// Failed authentications per address in fixed one-minute windows: past the limit, the address is refused
// (429) for the rest of its window, whatever it sends, so guessing keys gets nowhere. In memory, bounded.

const WINDOW_MS = 60_000;
const MAX_ADDRESSES = 10_000;

export class FailedAuthCounter {
  private readonly windows = new Map<string, { start: number; failures: number }>();

  constructor(
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** seconds until the address may try again, or 0 when it may now */
  retryAfter(address: string): number {
    const entry = this.current(address);
    return entry && entry.failures >= this.max ? Math.ceil((entry.start + WINDOW_MS - this.now()) / 1000) : 0;
  }

  fail(address: string): void {
    const entry = this.current(address);
    if (entry) entry.failures += 1;
    else {
      if (this.windows.size >= MAX_ADDRESSES) this.windows.delete(this.windows.keys().next().value!);
      this.windows.set(address, { start: this.now(), failures: 1 });
    }
  }

  private current(address: string) {
    const entry = this.windows.get(address);
    if (entry && this.now() - entry.start >= WINDOW_MS) {
      this.windows.delete(address);
      return undefined;
    }
    return entry;
  }
}
