import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ImportJob } from '../domain/import-job';
import { JobLeaseLostError } from '../domain/import-errors';
import { ImportJobStore } from '../ports/import-job-store';
import { JobOutcome, JobProgress } from './job-progress';
import { retryUntilDone } from './retry';
import { StageError, inStage } from './stage-error';

export const SHUTDOWN_MESSAGE = 'Interrupted by shutdown';

/** One run of a job in this process: the lease it holds the job under, and its counters. */
export interface JobRun {
  jobId: string;
  lease: string;
  progress: JobProgress;
}

/** Short first, so a blip costs little; capped, so the job is released soon after the database is back. */
const RECORD_RETRY_DELAYS_MS = [100, 250, 500, 1_000];
/** How long a shutting-down process keeps trying to record a job's end. */
const SHUTDOWN_RECORD_GRACE_MS = 3_000;

export interface ExecutionContext {
  jobs: ImportJobStore;
  logger: Logger;
  /** "Import" or "Refresh", for messages. */
  kind: string;
  staleAfterMs: number;
  stopping: () => boolean;
  /** What the job was asked to do, for its first log line. */
  describe: (job: ImportJob) => string;
}

/**
 * The life of a job that both kinds share: takes the queued job under a fresh lease, runs `work`,
 * and records how it ended. A run whose job was failed elsewhere (the stale rule, while this
 * process was paused or cut off) finds its lease gone at the next commit and stops without
 * recording anything.
 */
export async function executeJob(context: ExecutionContext, jobId: string, work: (job: ImportJob, run: JobRun) => Promise<void>): Promise<void> {
  const { jobs, logger, kind } = context;
  const job = await jobs.findById(jobId);
  if (!job || job.status !== 'queued') return;
  const lease = randomUUID();
  const startedAt = new Date();
  if (!(await jobs.markRunning(jobId, lease, startedAt))) return;
  const run: JobRun = { jobId, lease, progress: new JobProgress(startedAt) };
  // Every line about a job names it, so one job's lines can be picked out of a shared log.
  logger.log(`${kind} job ${jobId} started: ${context.describe(job)}`);
  let outcome: JobOutcome;
  try {
    await work(job, run);
    outcome = context.stopping() ? { status: 'failed', errorMessage: SHUTDOWN_MESSAGE } : { status: 'completed', errorMessage: null };
    const counts = describeCounts(run.progress);
    if (outcome.status === 'completed') logger.log(`${kind} job ${jobId} completed: ${counts}`);
    else logger.warn(`${kind} job ${jobId} stopped at shutdown: ${counts}`);
  } catch (error) {
    if (error instanceof JobLeaseLostError) {
      logger.warn(`${error.message}: the stale rule failed it while this process was not heard from`);
      return;
    }
    // A statement cut short by shutdown is the shutdown's doing, not the database's.
    const message = context.stopping() ? SHUTDOWN_MESSAGE : error instanceof StageError ? error.message : `${kind} failed unexpectedly`;
    logger.error(`${kind} job ${jobId} failed: ${message}`, (error as StageError).cause ?? error);
    outcome = { status: 'failed', errorMessage: message };
  }
  await recordOutcome(context, run, outcome);
}

function describeCounts({ metrics: m }: JobProgress): string {
  const withdrawn = m.withdrawn ? `, ${m.withdrawn} withdrawn` : '';
  return `${m.processed} of ${m.total_found} processed (${m.inserted} inserted, ${m.updated} updated, ${m.unchanged} unchanged${withdrawn}, ${m.skipped} skipped, ${m.errors_count} errors)`;
}

/** Stores the run's counters (which also serves as a heartbeat); throws once the run has lost its job. */
export async function saveProgress(jobs: ImportJobStore, run: JobRun): Promise<void> {
  const now = new Date();
  const { metrics, errors } = run.progress.snapshot(now);
  const saved = await inStage('Lookbook', () => jobs.saveProgress(run.jobId, run.lease, metrics, errors, now));
  if (!saved) throw new JobLeaseLostError(run.jobId);
}

/**
 * Records how the job ended. The Lookbook database may be the reason it failed: keep trying, with
 * a short backoff, so the job is released with its real reason within moments of the database's
 * return, rather than by the stale rule's "no heartbeat" much later. Gives up when the job is no
 * longer this run's, once the stale rule would have taken over anyway, or soon after a shutdown
 * request (the stale rule then fails it in whichever process is left).
 */
async function recordOutcome({ jobs, logger, kind, staleAfterMs, stopping }: ExecutionContext, run: JobRun, outcome: JobOutcome): Promise<void> {
  const startedAt = Date.now();
  const recorded = await retryUntilDone(
    async () => {
      const now = new Date();
      const finished = await jobs.finish(run.jobId, run.lease, { ...outcome, ...run.progress.snapshot(now) }, now);
      if (!finished) logger.warn(`${kind} job ${run.jobId} was already ended elsewhere; its outcome here (${outcome.errorMessage ?? outcome.status}) is not recorded`);
    },
    {
      delaysMs: RECORD_RETRY_DELAYS_MS,
      giveUp: () => Date.now() - startedAt > staleAfterMs || (stopping() && Date.now() - startedAt > SHUTDOWN_RECORD_GRACE_MS),
      onRetry: (error, attempt) => attempt === 0 && logger.warn(`Could not record the end of ${kind.toLowerCase()} job ${run.jobId} yet (${(error as { code?: string }).code ?? (error as Error).message}); retrying`),
      sleep: (ms) => sleep(ms),
    },
  );
  if (!recorded) logger.error(`Gave up recording the end of ${kind.toLowerCase()} job ${run.jobId}; the stale rule will fail it`);
}
