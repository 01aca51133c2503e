interface Read<T> {
  startedAt: number;
  value: Promise<T>;
}

/**
 * Shares one read of a key between the callers that ask for it within `freshForMs` of each other.
 * A caller after that starts a new read; while it is under way, the caller is answered with the last
 * completed read if that one started within `staleForMs`. Under a steady stream of callers none of
 * them waits for the database, and no answer is older than `staleForMs`.
 * A failed read is not shared beyond the callers already waiting on it.
 */
export class RecentReads<T> {
  /** The newest read of each key, under way or done. */
  private readonly latest = new Map<string, Read<T>>();
  /** The newest read of each key that completed, with its value. */
  private readonly completed = new Map<string, { startedAt: number; value: T }>();
  private readonly staleForMs: number;
  private readonly now: () => number;

  constructor(
    private readonly freshForMs: number,
    options: { staleForMs?: number; now?: () => number } = {},
  ) {
    this.staleForMs = options.staleForMs ?? freshForMs;
    this.now = options.now ?? (() => performance.now());
  }

  get(key: string, read: () => Promise<T>): Promise<T> {
    const now = this.now();
    const recent = this.latest.get(key);
    if (recent && now - recent.startedAt < this.freshForMs) return recent.value;
    this.forgetOlderThan(now - Math.max(this.freshForMs, this.staleForMs));
    const entry: Read<T> = { startedAt: now, value: read() };
    this.latest.set(key, entry);
    entry.value.then(
      (value) => {
        const done = this.completed.get(key);
        if (!done || done.startedAt < entry.startedAt) this.completed.set(key, { startedAt: entry.startedAt, value });
      },
      () => {
        if (this.latest.get(key) === entry) this.latest.delete(key);
      },
    );
    const last = this.completed.get(key);
    return last && now - last.startedAt < this.staleForMs ? Promise.resolve(last.value) : entry.value;
  }

  /** Keeps the maps as small as the set of keys read in the last window. */
  private forgetOlderThan(cutoff: number): void {
    for (const [key, { startedAt }] of this.latest) if (startedAt <= cutoff) this.latest.delete(key);
    for (const [key, { startedAt }] of this.completed) if (startedAt <= cutoff) this.completed.delete(key);
  }
}
