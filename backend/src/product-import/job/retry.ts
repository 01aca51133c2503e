/**
 * Runs `work` until it resolves, waiting between attempts (the last delay repeats). Returns false
 * without another attempt once `giveUp` says so.
 */
export async function retryUntilDone(
  work: () => Promise<void>,
  options: { delaysMs: number[]; giveUp: () => boolean; onRetry: (error: unknown, attempt: number) => void; sleep: (ms: number) => Promise<unknown> },
): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      await work();
      return true;
    } catch (error) {
      if (options.giveUp()) return false;
      options.onRetry(error, attempt);
      await options.sleep(options.delaysMs[Math.min(attempt, options.delaysMs.length - 1)]);
    }
  }
}
