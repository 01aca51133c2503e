import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ImportJob } from '../domain/import-job';
import { CatalogPage, UpsertResult } from '../domain/product-record';
import { CatalogSource } from '../ports/catalog-source';
import { ImportJobStore } from '../ports/import-job-store';
import { CURSOR_META_KEY, ProductSink } from '../ports/product-sink';
import { JobProgress, inChunks } from './job-progress';
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
    try {
      await this.importChunks(job, progress);
      const outcome = this.stopRequested
        ? { status: 'failed' as const, errorMessage: SHUTDOWN_MESSAGE }
        : { status: 'completed' as const, errorMessage: null };
      await this.finish(jobId, progress, outcome);
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
