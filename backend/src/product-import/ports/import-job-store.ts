import { ImportJob, ImportJobError, ImportJobMetrics, ImportJobParams, JobMode } from '../domain/import-job';

/** Where job state lives: shared by every backend process, so any of them can answer for any job. */
export abstract class ImportJobStore {
  /** Inserts a queued job, or throws JobAlreadyRunningError when another is queued or running. */
  abstract createQueued(id: string, params: ImportJobParams, now: Date): Promise<void>;
  abstract findById(id: string): Promise<ImportJob | null>;
  abstract findActive(): Promise<ImportJob | null>;
  /** The most recently finished job (of the given kind, or of any). */
  abstract findLastFinished(mode?: JobMode): Promise<ImportJob | null>;
  abstract markRunning(id: string, now: Date): Promise<void>;
  abstract saveProgress(id: string, metrics: ImportJobMetrics, errors: ImportJobError[], now: Date): Promise<void>;
  abstract heartbeat(id: string, now: Date): Promise<void>;
  abstract finish(
    id: string,
    outcome: { status: 'completed' | 'failed'; metrics: ImportJobMetrics; errors: ImportJobError[]; errorMessage: string | null },
    now: Date,
  ): Promise<void>;
  /** Fails queued/running jobs whose heartbeat (or creation) is older than `before`; returns their ids. */
  abstract failStale(before: Date, message: string, now: Date): Promise<string[]>;
}
