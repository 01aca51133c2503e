/** A second job was requested while one is queued or running. */
export class JobAlreadyRunningError extends Error {
  constructor(readonly activeJobId: string) {
    super('Job already running');
  }
}

export class JobNotFoundError extends Error {
  constructor(readonly jobId: string) {
    super(`Import job ${jobId} not found`);
  }
}
