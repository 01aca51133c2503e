import { AsyncLocalStorage } from 'node:async_hooks';

const bound = new AsyncLocalStorage<number>();
// Switched on now, at load, rather than by the first bounded read (the dialog's first count, a
// health probe): from then on every promise carries the storage's property, and promises changing
// shape after the warm-up at boot would make V8 throw away the code it optimized for the next job.
bound.run(0, () => undefined);

/**
 * Runs `work` with a tighter bound on the shop's read statements it issues (see NamedDataSource):
 * for what a person waits on, where an answer after the job's own bound would come far too late.
 */
export function withStatementBound<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
  return bound.run(timeoutMs, work);
}

/** The bound set by the innermost withStatementBound around this call, if any. */
export function currentStatementBound(): number | undefined {
  return bound.getStore();
}
