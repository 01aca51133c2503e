import { ImportJob, ImportJobError, ImportJobMetrics, ImportJobParams, JobMode } from '../domain/import-job';

/** Where job state lives: shared by every backend process, so any of them can answer for any job. */
export abstract class ImportJobStore {
  /** Inserts a queued job, or throws JobAlreadyRunningError when another is queued or running. */
  abstract createQueued(id: string, params: ImportJobParams, now: Date): Promise<void>;
  abstract findById(id: string): Promise<ImportJob | null>;
  abstract findActive(): Promise<ImportJob | null>;
  /** The most recently finished job (of the given kind, or of any). */
  abstract findLastFinished(mode?: JobMode): Promise<ImportJob | null>;
  /**
   * Moves a queued job to running under `lease` (a token unique to this run); false when the job
   * is no longer queued (another process took it, or it was failed meanwhile).
   */
  abstract markRunning(id: string, lease: string, now: Date): Promise<boolean>;
  /** Records progress while the job runs under `lease`; false when it no longer does. */
  abstract saveProgress(id: string, lease: string, metrics: ImportJobMetrics, errors: ImportJobError[], now: Date): Promise<boolean>;
  abstract heartbeat(id: string, now: Date): Promise<void>;
  /** Ends the job if it still runs under `lease`; false when it no longer does (nothing changed). */
  abstract finish(
    id: string,
    lease: string,
    outcome: { status: 'completed' | 'failed'; metrics: ImportJobMetrics; errors: ImportJobError[]; errorMessage: string | null },
    now: Date,
  ): Promise<boolean>;
  /** Fails queued/running jobs whose heartbeat (or creation) is older than `before`; returns their ids. */
  abstract failStale(before: Date, message: string, now: Date): Promise<string[]>;
}
