import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { mapInTurns } from './event-loop-turns';

/** Holds the thread for `ms`, as mapping a product does for a fraction of that. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('mapInTurns', () => {
  it('maps every item, in order', async () => {
    expect(await mapInTurns([3, 1, 2], (n) => n * 10)).toEqual([30, 10, 20]);
  });

  it('lets a due timer run once a turn has used its budget, also when it was resumed by I/O', async () => {
    await readFile(__filename); // what follows runs in an I/O callback, as a page read from the database does
    const events: string[] = [];
    setTimeout(() => events.push('timer'), 0);

    await mapInTurns([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (n) => {
      busy(1);
      events.push(`item ${n}`);
    });

    // The budget is 3 ms: the timer runs after the third or fourth item, not once the first yield's
    // turn has run on too (item 6 or later), nor after all of them.
    expect(events.indexOf('timer')).toBeGreaterThan(0);
    expect(events.indexOf('timer')).toBeLessThan(6);
  });
});
