import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * How long a loop over a page's rows holds the event loop before it lets other work run: a request
 * arriving meanwhile (the dialog's poll) waits behind about this much of the loop at most.
 *
 * Counted in time rather than rows because the same rows cost several times more in a process's
 * first job, before V8 has optimized the code, and on a small server a turn that needs more CPU
 * also waits longer for a core (V8's compiler threads and the databases want them too).
 */
const TURN_BUDGET_MS = 3;

/** Tracks how long the current turn has run; `spent` once it has used the budget. */
export class TurnBudget {
  private turnStartedAt = performance.now();

  get spent(): boolean {
    return performance.now() - this.turnStartedAt >= TURN_BUDGET_MS;
  }

  /**
   * Lets the event loop run what is waiting (timers, requests that arrived), then starts a new turn.
   * Two hops: code resumed by I/O runs in the loop's poll phase, from where an immediate runs in the
   * same iteration, before any timer or newly arrived request; the second hop lands after them.
   */
  async nextTurn(): Promise<void> {
    await nextTurn();
    await nextTurn();
    this.turnStartedAt = performance.now();
  }
}

/** `items.map(map)`, in turns of the event loop of at most TURN_BUDGET_MS each (of the budget given, if any). */
export async function mapInTurns<T, R>(items: readonly T[], map: (item: T) => R, budget = new TurnBudget()): Promise<R[]> {
  const mapped: R[] = [];
  for (const item of items) {
    if (budget.spent) await budget.nextTurn();
    mapped.push(map(item));
  }
  return mapped;
}
