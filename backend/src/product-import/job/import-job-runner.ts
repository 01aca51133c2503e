import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ImportJob, ImportJobError, ImportJobMetrics, MAX_LISTED_ERRORS, emptyMetrics } from '../domain/import-job';
import { JobLeaseLostError } from '../domain/import-errors';
import { CatalogPage, UpsertResult } from '../domain/product-record';
import { CatalogSource } from '../ports/catalog-source';
import { ImportJobStore } from '../ports/import-job-store';
import { CURSOR_META_KEY, ProductSink } from '../ports/product-sink';
import { retryUntilDone } from './retry';
import { StageError, inStage } from './stage-error';

export const SHUTDOWN_MESSAGE = 'Interrupted by shutdown';

type Outcome = { status: 'completed' | 'failed'; errorMessage: string | null };

/**
 * Runs one import job: selects the eligible products after the cursor, then imports them in chunks.
 * Each chunk's rows and the cursor commit in one Lookbook transaction, so whatever happens next,
 * the cursor never points past rows that are not written, nor behind them. That transaction also
 * confirms the run's lease on the job: a run whose job was failed by the stale rule (its process
 * was paused or cut off) commits nothing more and stops.
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
    const lease = randomUUID();
    const startedAt = new Date();
    if (!(await this.jobs.markRunning(jobId, lease, startedAt))) return;
    const run = { jobId, lease, progress: new JobProgress(startedAt) };
    let outcome: Outcome;
    try {
      await this.importChunks(job, run);
      outcome = this.stopRequested ? { status: 'failed', errorMessage: SHUTDOWN_MESSAGE } : { status: 'completed', errorMessage: null };
    } catch (error) {
      if (error instanceof JobLeaseLostError) {
        this.logger.warn(`${error.message}: the stale rule failed it while this process was not heard from`);
        return;
      }
      // A statement cut short by shutdown is the shutdown's doing, not the database's.
      const message = this.stopRequested ? SHUTDOWN_MESSAGE : error instanceof StageError ? error.message : 'Import failed unexpectedly';
      this.logger.error(`Import job ${jobId} failed: ${message}`, (error as StageError).cause ?? error);
      outcome = { status: 'failed', errorMessage: message };
    }
    await this.recordOutcome(run, outcome);
  }

  private async importChunks(job: ImportJob, run: JobRun): Promise<void> {
    const { limit, resumeFromLast, startAfterId } = job.params;
    const cursor = resumeFromLast
      ? Number((await inStage('Lookbook', () => this.sink.getMeta(CURSOR_META_KEY))) ?? 0)
      : (startAfterId ?? 0);
    // The job's products are chosen once, up front: total_found is exact from the start, and the
    // chunks read those products by id rather than scanning for eligible ones again.
    const ids = await inStage('Magento', () => this.source.selectEligibleIds({ afterId: cursor, limit }));
    run.progress.metrics.total_found = ids.length;
    await this.save(run);

    for (const chunkIds of inChunks(ids, this.config.import.chunkSize)) {
      if (this.stopRequested) break;
      const page = await inStage('Magento', () => this.source.fetchProducts(chunkIds));
      const result = await inStage('Lookbook', () => this.writeChunk(run, page));
      run.progress.addChunk(page, result);
      await this.save(run);
    }
  }

  /** The chunk's rows and the cursor, in one transaction that commits only under the run's lease. */
  private writeChunk(run: JobRun, page: CatalogPage): Promise<UpsertResult> {
    return this.sink.transaction(async (tx) => {
      const result = await tx.batchUpsertProducts(page.products);
      if (page.lastSourceId !== null) await tx.advanceCursor(page.lastSourceId);
      // Last, so the job row is locked only for the moment before commit.
      await tx.confirmLease(run.jobId, run.lease);
      return result;
    });
  }

  private async save(run: JobRun): Promise<void> {
    const now = new Date();
    const { metrics, errors } = run.progress.snapshot(now);
    const saved = await inStage('Lookbook', () => this.jobs.saveProgress(run.jobId, run.lease, metrics, errors, now));
    if (!saved) throw new JobLeaseLostError(run.jobId);
  }

  /**
   * Records how the job ended. The Lookbook database may be the reason it failed: keep trying, with
   * a short backoff, so the job is released with its real reason within moments of the database's
   * return, rather than by the stale rule's "no heartbeat" much later. Gives up when the job is no
   * longer this run's, once the stale rule would have taken over anyway, or soon after a shutdown
   * request (the stale rule then fails it in whichever process is left).
   */
  private async recordOutcome(run: JobRun, outcome: Outcome): Promise<void> {
    const staleAfterMs = this.config.import.staleAfterMs;
    const startedAt = Date.now();
    const recorded = await retryUntilDone(
      async () => {
        const now = new Date();
        const finished = await this.jobs.finish(run.jobId, run.lease, { ...outcome, ...run.progress.snapshot(now) }, now);
        if (!finished) this.logger.warn(`Import job ${run.jobId} was already ended elsewhere; its outcome here (${outcome.errorMessage ?? outcome.status}) is not recorded`);
      },
      {
        delaysMs: RECORD_RETRY_DELAYS_MS,
        giveUp: () => Date.now() - startedAt > staleAfterMs || (this.stopRequested && Date.now() - startedAt > SHUTDOWN_RECORD_GRACE_MS),
        onRetry: (error, attempt) => attempt === 0 && this.logger.warn(`Could not record the end of import job ${run.jobId} yet (${(error as { code?: string }).code ?? (error as Error).message}); retrying`),
        sleep: (ms) => sleep(ms),
      },
    );
    if (!recorded) this.logger.error(`Gave up recording the end of import job ${run.jobId}; the stale rule will fail it`);
  }
}

/** Short first, so a blip costs little; capped, so the job is released soon after the database is back. */
const RECORD_RETRY_DELAYS_MS = [100, 250, 500, 1_000];
/** How long a shutting-down process keeps trying to record a job's end. */
const SHUTDOWN_RECORD_GRACE_MS = 3_000;

interface JobRun {
  jobId: string;
  lease: string;
  progress: JobProgress;
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

function inChunks<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
