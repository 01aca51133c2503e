import { ImportJobError, ImportJobMetrics, MAX_LISTED_ERRORS, emptyMetrics } from '../domain/import-job';
import { CatalogPage, UpsertResult } from '../domain/product-record';

/** What one chunk of any kind of job did; every row it processed is in exactly one count. */
export interface ChunkCounts {
  processed: number;
  inserted?: number;
  updated: number;
  unchanged: number;
  withdrawn?: number;
  skipped: number;
  errors: ImportJobError[];
  lastSourceId: number | null;
  /** Shop settings that could not be used (see CatalogPage): listed once per job, as errors of no product. */
  notices?: string[];
}

export type JobOutcome = { status: 'completed' | 'failed'; errorMessage: string | null };

/** An import chunk's counts: the page read from the shop and what writing it did. */
export function importedChunk(page: CatalogPage, result: UpsertResult): ChunkCounts {
  return {
    processed: page.products.length + page.skipped.length,
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged,
    skipped: page.skipped.length,
    errors: result.rejected,
    lastSourceId: page.lastSourceId,
    notices: page.notices,
  };
}

/** The job's counters: every processed product lands in exactly one of them. */
export class JobProgress {
  readonly metrics: ImportJobMetrics = emptyMetrics();
  private readonly errors: ImportJobError[] = [];
  private readonly noticed = new Set<string>();

  constructor(private readonly startedAt: Date) {}

  /** These counters with one more chunk, leaving these as they are (the chunk is not committed yet). */
  with(chunk: ChunkCounts): JobProgress {
    const next = new JobProgress(this.startedAt);
    Object.assign(next.metrics, this.metrics);
    next.errors.push(...this.errors);
    this.noticed.forEach((notice) => next.noticed.add(notice));
    next.add(chunk);
    return next;
  }

  add(chunk: ChunkCounts): void {
    const m = this.metrics;
    m.processed += chunk.processed;
    m.inserted += chunk.inserted ?? 0;
    m.updated += chunk.updated;
    m.unchanged += chunk.unchanged;
    m.withdrawn += chunk.withdrawn ?? 0;
    m.skipped += chunk.skipped;
    const notices = (chunk.notices ?? []).filter((notice) => !this.noticed.has(notice));
    notices.forEach((notice) => this.noticed.add(notice));
    const errors = [...notices.map((message) => ({ source_id: 0, sku: '', message })), ...chunk.errors];
    m.errors_count += errors.length;
    // A retry of owed products (lastSourceId null) leaves the position where it is.
    m.last_processed_source_id = chunk.lastSourceId ?? m.last_processed_source_id;
    const room = MAX_LISTED_ERRORS - this.errors.length;
    if (room > 0) this.errors.push(...errors.slice(0, room));
  }

  snapshot(now: Date): { metrics: ImportJobMetrics; errors: ImportJobError[] } {
    return { metrics: { ...this.metrics, elapsed_ms: now.getTime() - this.startedAt.getTime() }, errors: [...this.errors] };
  }
}

export function inChunks<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
