interface Read<T> {
  startedAt: number;
  value: Promise<T>;
  settled: boolean;
}

/** The read of a key whose value callers get, and the next one, started ahead of need. */
interface KeyReads<T> {
  served?: Read<T>;
  ahead?: Read<T>;
}

/**
 * Shares one read of a key between the callers that ask for it within `freshForMs` of its start:
 * no caller gets a value read longer ago. A caller past `readAheadAfterMs` of that window starts the
 * next read while it is answered with the current one; under a steady stream of callers the next
 * read is done by the time the window closes, so none of them waits for the database.
 * A failed read is not shared beyond the callers already waiting on it.
 */
export class RecentReads<T> {
  private readonly keys = new Map<string, KeyReads<T>>();
  private readonly readAheadAfterMs: number;
  private readonly now: () => number;

  constructor(
    private readonly freshForMs: number,
    options: { readAheadAfterMs?: number; now?: () => number } = {},
  ) {
    this.readAheadAfterMs = options.readAheadAfterMs ?? freshForMs;
    this.now = options.now ?? (() => performance.now());
  }

  get(key: string, read: () => Promise<T>): Promise<T> {
    const now = this.now();
    const fresh = (entry?: Read<T>): entry is Read<T> => entry !== undefined && now - entry.startedAt < this.freshForMs;
    let reads = this.keys.get(key);
    if (!reads) {
      this.forgetOlderThan(now - this.freshForMs);
      reads = {};
      this.keys.set(key, reads);
    }
    if (fresh(reads.served)) {
      if (reads.served.settled && !reads.ahead && now - reads.served.startedAt >= this.readAheadAfterMs) reads.ahead = this.start(reads, read, now);
      return reads.served.value;
    }
    reads.served = fresh(reads.ahead) ? reads.ahead : this.start(reads, read, now);
    reads.ahead = undefined;
    return reads.served.value;
  }

  private start(reads: KeyReads<T>, read: () => Promise<T>, now: number): Read<T> {
    const entry: Read<T> = { startedAt: now, value: read(), settled: false };
    entry.value.then(
      () => {
        entry.settled = true;
        if (reads.ahead === entry) [reads.served, reads.ahead] = [entry, undefined];
      },
      () => {
        if (reads.served === entry) reads.served = undefined;
        if (reads.ahead === entry) reads.ahead = undefined;
      },
    );
    return entry;
  }

  /** Keeps the map as small as the set of keys read in the last window. */
  private forgetOlderThan(cutoff: number): void {
    for (const [key, { served, ahead }] of this.keys) {
      if (Math.max(served?.startedAt ?? -Infinity, ahead?.startedAt ?? -Infinity) <= cutoff) this.keys.delete(key);
    }
  }
}
