/**
 * Reads chunks ahead of the one being written, in order: up to `depth` reads are in flight at any
 * time, so the shop's database reads the next chunks while the Lookbook writes this one, and
 * memory stays bounded (depth pages read, one being written). With depth 0 nothing is read ahead:
 * each chunk is read when it is asked for.
 */
export class ReadAhead<In, Out> {
  private readonly waiting: In[] = [];
  private readonly reading: Array<Promise<Out>> = [];

  constructor(
    private readonly depth: number,
    private readonly read: (chunk: In) => Promise<Out>,
  ) {}

  /** Queues a chunk; it is read as soon as fewer than `depth` reads are in flight. */
  add(chunk: In): void {
    this.waiting.push(chunk);
    this.startReads();
  }

  /**
   * The oldest chunk's page, or null when every chunk added so far has been taken. A read that
   * failed ends the reading: no chunk is read after it (on shutdown, the statements in flight are
   * cut off once, and a read started after that would wait out the shop's whole bound).
   */
  async next(): Promise<Out | null> {
    if (this.reading.length === 0 && this.waiting.length > 0) this.startRead();
    const oldest = this.reading.shift();
    if (!oldest) return null;
    const page = await oldest;
    this.startReads();
    return page;
  }

  private startReads(): void {
    while (this.reading.length < this.depth && this.waiting.length > 0) this.startRead();
  }

  private startRead(): void {
    const page = this.read(this.waiting.shift()!);
    // A read nobody takes (the job stopped first) has nobody to tell of its failure.
    page.catch(() => undefined);
    this.reading.push(page);
  }
}
