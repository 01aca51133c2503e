/** A second job was requested while one is queued or running. */
export class JobAlreadyRunningError extends Error {
  constructor(readonly activeJobId: string) {
    super('Job already running');
  }
}

export class JobNotFoundError extends Error {
  constructor(readonly jobId: string) {
    super(`Job ${jobId} not found`);
  }
}

/**
 * The job this run was writing for is no longer running under its lease: the stale rule failed it
 * (this process was paused or cut off past IMPORT_STALE_AFTER_MS), so another run may own the
 * cursor now. Nothing of the chunk that found out is committed.
 */
export class JobLeaseLostError extends Error {
  constructor(readonly jobId: string) {
    super(`Job ${jobId} is no longer running under this process's lease`);
  }
}
