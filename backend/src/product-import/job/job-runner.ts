import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ExplainedFailure, isOutage } from '../../database/database-failure';
import { JobLeaseLostError } from '../domain/import-errors';
import { ImportJob, ImportJobMetrics } from '../domain/import-job';
import { RejectedProduct } from '../domain/product-record';
import { CatalogSource } from '../ports/catalog-source';
import { ImportJobStore } from '../ports/import-job-store';
import { ProductSink, ProductSinkTransaction } from '../ports/product-sink';
import { ChunkCounts, JobOutcome, JobProgress, inChunks } from './job-progress';
import { retryUntilDone } from './retry';
import { StageError, inStage } from './stage-error';

export const SHUTDOWN_MESSAGE = 'Interrupted by shutdown';

/** One run of a job in this process: the lease it holds the job under, and its counters. */
export interface JobRun {
  jobId: string;
  lease: string;
  /**
   * Whether the run has heard the answer to taking the job. Not when the Lookbook failed meanwhile:
   * the job may still be queued, or already running under the lease with the answer lost.
   */
  taken: boolean;
  progress: JobProgress;
  /** Source ids the Lookbook owes (refused earlier), as this run knows them: read at its start, kept up to date by its chunks. */
  owed: Set<number>;
  /** Source ids the Lookbook refused in this run: not retried again by it. */
  refused: Set<number>;
  /** Source ids this run retried as owed: not written again by it. */
  retried: Set<number>;
  /**
   * The counters with the chunk whose COMMIT went out last, until its answer arrives. When the
   * connection is lost meanwhile, only the database knows whether the chunk landed; the job row,
   * written in the same transaction, tells (see recordOutcome).
   */
  inDoubt?: JobProgress;
}

/** Short first, so a blip costs little; capped, so the job is released soon after the database is back. */
const RECORD_RETRY_DELAYS_MS = [100, 250, 500, 1_000];
/** How long a shutting-down process keeps trying to record a job's end. */
const SHUTDOWN_RECORD_GRACE_MS = 3_000;

/**
 * The life of a job that every kind shares: takes the queued job under a fresh lease, runs the
 * kind's work, and records how it ended. A run whose job was failed elsewhere (the stale rule,
 * while this process was paused or cut off) finds its lease gone at the next commit and stops
 * without recording anything.
 */
@Injectable()
export abstract class JobRunner {
  /** "Import" or "Refresh", for messages. */
  protected abstract readonly kind: string;
  protected readonly logger = new Logger(this.constructor.name);
  protected stopRequested = false;

  constructor(
    protected readonly source: CatalogSource,
    protected readonly sink: ProductSink,
    protected readonly jobs: ImportJobStore,
    @Inject(APP_CONFIG) protected readonly config: Pick<AppConfig, 'import'>,
  ) {}

  /** Asks running jobs to stop after the chunk they are writing. */
  requestStop(): void {
    this.stopRequested = true;
  }

  async run(jobId: string): Promise<void> {
    const startedAt = new Date();
    const run: JobRun = { jobId, lease: randomUUID(), taken: false, progress: new JobProgress(startedAt), owed: new Set(), refused: new Set(), retried: new Set() };
    let outcome: JobOutcome;
    try {
      const job = await inStage('Lookbook', () => this.take(run, startedAt));
      if (!job) return;
      // Every line about a job names it, so one job's lines can be picked out of a shared log.
      this.logger.log(`${this.kind} job ${jobId} started: ${this.describe(job)}`);
      await this.work(job, run);
      outcome = this.stopRequested ? { status: 'failed', errorMessage: SHUTDOWN_MESSAGE } : { status: 'completed', errorMessage: null };
      const counts = describeCounts(run.progress);
      if (outcome.status === 'completed') this.logger.log(`${this.kind} job ${jobId} completed: ${counts}`);
      else this.logger.warn(`${this.kind} job ${jobId} stopped at shutdown: ${counts}`);
    } catch (error) {
      if (error instanceof JobLeaseLostError) {
        this.logger.warn(`${this.kind} job ${jobId} is no longer running under this process's lease; it stops without writing: the stale rule failed it while this process was not heard from`);
        return;
      }
      // A statement cut short by shutdown is the shutdown's doing, not the database's.
      const message = this.stopRequested ? SHUTDOWN_MESSAGE : error instanceof StageError ? error.message : `${this.kind} failed unexpectedly`;
      // A database out of reach or a shop not as configured is expected: one line says it all.
      if (this.stopRequested || isExpected(error)) this.logger.warn(`${this.kind} job ${jobId} failed: ${message}`);
      else this.logger.error(`${this.kind} job ${jobId} failed: ${message}`, (error as StageError).cause ?? error);
      outcome = { status: 'failed', errorMessage: message };
    }
    await this.recordOutcome(run, outcome);
  }

  /** The queued job, now running under the run's lease; null when it is no longer queued. */
  private async take(run: JobRun, startedAt: Date): Promise<ImportJob | null> {
    const job = await this.jobs.findById(run.jobId);
    if (!job || job.status !== 'queued') return null;
    run.taken = await this.jobs.markRunning(run.jobId, run.lease, startedAt);
    return run.taken ? job : null;
  }

  /** What the job was asked to do, for its first log line. */
  protected abstract describe(job: ImportJob): string;

  /** The job's chunks; the lifecycle around them (lease, progress, outcome) is run's. */
  protected abstract work(job: ImportJob, run: JobRun): Promise<void>;

  /**
   * Retries every product the Lookbook owes (refused by an earlier job), before the job's own
   * work: each is written, refused again (still owed, listed among the job's errors) or, when the
   * shop no longer sells it, forgotten (counted as skipped). Returns how many were retried.
   */
  protected async retryOwed(run: JobRun): Promise<number> {
    const stored = await inStage('Lookbook', () => this.sink.owedSourceIds());
    run.owed = new Set(stored);
    const owed = stored.filter((id) => !run.refused.has(id));
    owed.forEach((id) => run.retried.add(id));
    run.progress.metrics.total_found = (run.progress.metrics.total_found ?? 0) + owed.length;
    for (const ids of inChunks(owed, this.config.import.chunkSize)) {
      if (this.stopRequested) break;
      const eligible = await inStage('Magento', () => this.source.filterEligible(ids));
      const page = await inStage('Magento', () => this.source.fetchProducts(eligible));
      await this.commitChunk(run, async (tx) => {
        const written = await tx.batchUpsertProducts(page.products);
        await this.settleOwed(tx, run, ids, written.rejected, written.displaced);
        return { ...written, processed: ids.length, skipped: ids.length - eligible.length + page.skipped.length, errors: written.rejected, lastSourceId: null };
      });
    }
    return owed.length;
  }

  /**
   * Writes one chunk in one Lookbook transaction and, last in it, the job's counters with that
   * chunk, under the run's lease: rows, cursor and counters commit together or not at all, and the
   * job row is locked only for the moment before commit (the stale rule's UPDATE waits for it).
   * Rolls back and throws JobLeaseLostError once the job is no longer the run's.
   */
  protected async commitChunk(run: JobRun, write: (tx: ProductSinkTransaction) => Promise<ChunkCounts>): Promise<ChunkCounts> {
    const committed = await inStage('Lookbook', () =>
      this.sink.transaction(async (tx) => {
        const chunk = await write(tx);
        const progress = run.progress.with(chunk);
        const now = new Date();
        await tx.recordJobProgress(run.jobId, run.lease, progress.snapshot(now), now);
        run.inDoubt = progress;
        return { chunk, progress };
      }),
    );
    run.progress = committed.progress;
    run.inDoubt = undefined;
    return committed.chunk;
  }

  /**
   * Inside a chunk's transaction: the chunk's products the Lookbook refused, and those whose row
   * another product took over, are owed from now on; those it owed before and no longer refuses
   * (written, or no longer on sale) are settled.
   */
  protected async settleOwed(tx: ProductSinkTransaction, run: JobRun, sourceIds: number[], refused: RejectedProduct[], displaced: RejectedProduct[] = []): Promise<void> {
    const refusedIds = new Set(refused.map((r) => r.source_id));
    const written = new Set(sourceIds.filter((id) => !refusedIds.has(id)));
    const owed = [...refused, ...displaced.filter((d) => !written.has(d.source_id))];
    const settled = [...written].filter((id) => run.owed.has(id));
    if (settled.length) await tx.settleOwed(settled);
    if (owed.length) await tx.recordOwed(owed, new Date());
    settled.forEach((id) => run.owed.delete(id));
    refusedIds.forEach((id) => run.refused.add(id));
    owed.forEach((product) => run.owed.add(product.source_id));
  }

  /** Stores the run's counters (which also serves as a heartbeat); throws once the run has lost its job. */
  protected async saveProgress(run: JobRun): Promise<void> {
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
  private async recordOutcome(run: JobRun, outcome: JobOutcome): Promise<void> {
    const startedAt = Date.now();
    const kind = this.kind.toLowerCase();
    const recorded = await retryUntilDone(
      async () => {
        if (run.inDoubt) await this.settleInDoubt(run);
        const now = new Date();
        if (!run.taken) {
          // Taken now if still queued; if it is already the run's (the answer was lost), or ended elsewhere, finish tells.
          await this.jobs.markRunning(run.jobId, run.lease, now);
          run.taken = true;
        }
        const finished = await this.jobs.finish(run.jobId, run.lease, { ...outcome, ...run.progress.snapshot(now) }, now);
        if (!finished) this.logger.warn(`${this.kind} job ${run.jobId} was already ended elsewhere; its outcome here (${outcome.errorMessage ?? outcome.status}) is not recorded`);
      },
      {
        delaysMs: RECORD_RETRY_DELAYS_MS,
        giveUp: () => Date.now() - startedAt > this.config.import.staleAfterMs || (this.stopRequested && Date.now() - startedAt > SHUTDOWN_RECORD_GRACE_MS),
        onRetry: (error, attempt) => attempt === 0 && this.logger.warn(`Could not record the end of ${kind} job ${run.jobId} yet (${(error as { code?: string }).code ?? (error as Error).message}); retrying`),
        sleep: (ms) => sleep(ms),
      },
    );
    if (!recorded) this.logger.error(`Gave up recording the end of ${kind} job ${run.jobId}; the stale rule will fail it`);
  }

  /**
   * The last chunk's COMMIT went out and no answer came back: the job row, committed with every
   * chunk, says whether it landed. Counting it when it did keeps the job's counters in step with
   * the rows and the cursor (the next job starts after that chunk).
   */
  private async settleInDoubt(run: JobRun): Promise<void> {
    const stored = await this.jobs.findById(run.jobId);
    const counters = (metrics: ImportJobMetrics) => ({ ...metrics, elapsed_ms: 0 });
    if (stored && isDeepStrictEqual(counters(stored.metrics), counters(run.inDoubt!.metrics))) run.progress = run.inDoubt!;
    run.inDoubt = undefined;
  }
}

function isExpected(error: unknown): boolean {
  return error instanceof StageError && (isOutage(error.cause) || error.cause instanceof ExplainedFailure);
}

function describeCounts({ metrics: m }: JobProgress): string {
  const withdrawn = m.withdrawn ? `, ${m.withdrawn} withdrawn` : '';
  return `${m.processed} of ${m.total_found} processed (${m.inserted} inserted, ${m.updated} updated, ${m.unchanged} unchanged${withdrawn}, ${m.skipped} skipped, ${m.errors_count} errors)`;
}
