/**
 * Shares one read of a key between the callers that ask for it within `freshForMs` of each other.
 * A failed read is not shared beyond the callers already waiting on it.
 */
export class RecentReads<T> {
  private readonly reads = new Map<string, { startedAt: number; value: Promise<T> }>();

  constructor(
    private readonly freshForMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(key: string, read: () => Promise<T>): Promise<T> {
    const now = this.now();
    const recent = this.reads.get(key);
    if (recent && now - recent.startedAt < this.freshForMs) return recent.value;
    this.forgetOlderThan(now - this.freshForMs);
    const entry = { startedAt: now, value: read() };
    this.reads.set(key, entry);
    entry.value.catch(() => {
      if (this.reads.get(key) === entry) this.reads.delete(key);
    });
    return entry.value;
  }

  /** Keeps the map as small as the set of keys read in the last window. */
  private forgetOlderThan(cutoff: number): void {
    for (const [key, { startedAt }] of this.reads) if (startedAt <= cutoff) this.reads.delete(key);
  }
}
