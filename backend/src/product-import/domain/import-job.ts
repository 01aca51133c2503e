export type ImportJobStatus = 'queued' | 'running' | 'completed' | 'failed';

/** An import moves the cursor forward over new products; a refresh re-checks the ones already imported. */
export type JobMode = 'import' | 'refresh';
export const JOB_MODES: readonly JobMode[] = ['import', 'refresh'];

/** What an import is asked to do. */
export interface ImportParams {
  mode: 'import';
  limit: number;
  resumeFromLast: boolean;
  startAfterId: number | null;
}

/** A refresh re-checks every imported product: it takes nothing else. */
export interface RefreshParams {
  mode: 'refresh';
}

export type ImportJobParams = ImportParams | RefreshParams;

export interface ImportJobMetrics {
  /** Eligible products the job will process; null until counted. */
  total_found: number | null;
  processed: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Rows a refresh marked no longer on sale (always 0 for imports). */
  withdrawn: number;
  errors_count: number;
  elapsed_ms: number | null;
  last_processed_source_id: number | null;
}

export interface ImportJobError {
  source_id: number;
  sku: string;
  message: string;
}

export interface ImportJob {
  id: string;
  status: ImportJobStatus;
  params: ImportJobParams;
  metrics: ImportJobMetrics;
  errors: ImportJobError[];
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  heartbeat_at: Date | null;
  error_message: string | null;
}

/** The job view lists this many row errors; errors_count still counts them all. */
export const MAX_LISTED_ERRORS = 50;

export function emptyMetrics(): ImportJobMetrics {
  return {
    total_found: null,
    processed: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    withdrawn: 0,
    errors_count: 0,
    elapsed_ms: null,
    last_processed_source_id: null,
  };
}
