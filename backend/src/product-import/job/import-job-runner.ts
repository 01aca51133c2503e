import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ImportJob, ImportJobError, ImportJobMetrics, MAX_LISTED_ERRORS, emptyMetrics } from '../domain/import-job';
import { CatalogPage, UpsertResult } from '../domain/product-record';
import { CatalogSource } from '../ports/catalog-source';
import { ImportJobStore } from '../ports/import-job-store';
import { CURSOR_META_KEY, ProductSink } from '../ports/product-sink';
import { StageError, inStage } from './stage-error';

export const SHUTDOWN_MESSAGE = 'Interrupted by shutdown';

/**
 * Runs one import job: selects the eligible products after the cursor, then imports them in chunks.
 * Each chunk's rows and the cursor commit in one Lookbook transaction, so whatever happens next,
 * the cursor never points past rows that are not written, nor behind them.
 */
@Injectable()
export class ImportJobRunner {
  private readonly logger = new Logger(ImportJobRunner.name);
  private stopRequested = false;

  constructor(
    private readonly source: CatalogSource,
    private readonly sink: ProductSink,
    private readonly jobs: ImportJobStore,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'import'>,
  ) {}

  /** Asks running jobs to stop after the chunk they are writing. */
  requestStop(): void {
    this.stopRequested = true;
  }

  async run(jobId: string): Promise<void> {
    const job = await this.jobs.findById(jobId);
    if (!job || job.status !== 'queued') return;
    const startedAt = new Date();
    await this.jobs.markRunning(jobId, startedAt);
    const progress = new JobProgress(startedAt);
    // Every line about a job names it, so one job's lines can be picked out of a shared log.
    this.logger.log(`Import job ${jobId} started: ${describeParams(job)}`);
    try {
      await this.importChunks(job, progress);
      const outcome = this.stopRequested
        ? { status: 'failed' as const, errorMessage: SHUTDOWN_MESSAGE }
        : { status: 'completed' as const, errorMessage: null };
      await this.finish(jobId, progress, outcome);
      const m = progress.metrics;
      const counts = `${m.processed} of ${m.total_found} processed (${m.inserted} inserted, ${m.updated} updated, ${m.unchanged} unchanged, ${m.skipped} skipped, ${m.errors_count} errors)`;
      if (outcome.status === 'completed') this.logger.log(`Import job ${jobId} completed: ${counts}`);
      else this.logger.warn(`Import job ${jobId} stopped at shutdown: ${counts}`);
    } catch (error) {
      const message = error instanceof StageError ? error.message : 'Import failed unexpectedly';
      this.logger.error(`Import job ${jobId} failed: ${message}`, (error as StageError).cause ?? error);
      await this.finish(jobId, progress, { status: 'failed', errorMessage: message }).catch((finishError) => this.logger.error(`Could not mark job ${jobId} failed; the heartbeat rule will`, finishError));
    }
  }

  private async importChunks(job: ImportJob, progress: JobProgress): Promise<void> {
    const { limit, resumeFromLast, startAfterId } = job.params;
    const cursor = resumeFromLast
      ? Number((await inStage('Lookbook', () => this.sink.getMeta(CURSOR_META_KEY))) ?? 0)
      : (startAfterId ?? 0);
    // The job's products are chosen once, up front: total_found is exact from the start, and the
    // chunks read those products by id rather than scanning for eligible ones again.
    const ids = await inStage('Magento', () => this.source.selectEligibleIds({ afterId: cursor, limit }));
    progress.metrics.total_found = ids.length;
    await this.save(job.id, progress);

    for (const chunkIds of inChunks(ids, this.config.import.chunkSize)) {
      if (this.stopRequested) break;
      const page = await inStage('Magento', () => this.source.fetchProducts(chunkIds));
      const result = await inStage('Lookbook', () => this.writeChunk(page));
      progress.addChunk(page, result);
      await this.save(job.id, progress);
    }
  }

  /** The chunk's rows and the advanced cursor, in one transaction. */
  private writeChunk(page: CatalogPage): Promise<UpsertResult> {
    return this.sink.transaction(async (tx) => {
      const result = await tx.batchUpsertProducts(page.products);
      await tx.setMeta(CURSOR_META_KEY, String(page.lastSourceId));
      return result;
    });
  }

  private save(jobId: string, progress: JobProgress): Promise<void> {
    const now = new Date();
    const { metrics, errors } = progress.snapshot(now);
    return inStage('Lookbook', () => this.jobs.saveProgress(jobId, metrics, errors, now));
  }

  private finish(jobId: string, progress: JobProgress, outcome: { status: 'completed' | 'failed'; errorMessage: string | null }): Promise<void> {
    const now = new Date();
    return this.jobs.finish(jobId, { ...outcome, ...progress.snapshot(now) }, now);
  }
}

/** The job's counters: every processed product lands in exactly one of them. */
class JobProgress {
  readonly metrics: ImportJobMetrics = emptyMetrics();
  private readonly errors: ImportJobError[] = [];

  constructor(private readonly startedAt: Date) {}

  addChunk(page: CatalogPage, result: UpsertResult): void {
    const m = this.metrics;
    m.processed += page.products.length + page.skipped.length;
    m.inserted += result.inserted;
    m.updated += result.updated;
    m.unchanged += result.unchanged;
    m.skipped += page.skipped.length;
    m.errors_count += result.rejected.length;
    m.last_processed_source_id = page.lastSourceId;
    const room = MAX_LISTED_ERRORS - this.errors.length;
    if (room > 0) this.errors.push(...result.rejected.slice(0, room));
  }

  snapshot(now: Date): { metrics: ImportJobMetrics; errors: ImportJobError[] } {
    return { metrics: { ...this.metrics, elapsed_ms: now.getTime() - this.startedAt.getTime() }, errors: [...this.errors] };
  }
}

function describeParams({ params }: ImportJob): string {
  const from = params.resumeFromLast ? 'after the resume cursor' : `after source id ${params.startAfterId ?? 0}`;
  return `up to ${params.limit} products on sale ${from}`;
}

function inChunks<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
