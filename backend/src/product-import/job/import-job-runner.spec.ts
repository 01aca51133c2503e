import { ImportJobParams } from '../domain/import-job';
import { InMemoryCatalog, InMemoryJobs, InMemoryLookbook, product } from '../testing/in-memory-ports';
import { ImportJobRunner, SHUTDOWN_MESSAGE } from './import-job-runner';

const CURSOR = 'last_successful_source_id';

function setup(products = Array.from({ length: 10 }, (_, i) => product(i + 1)), chunkSize = 3) {
  const catalog = new InMemoryCatalog(products);
  const jobs = new InMemoryJobs();
  const lookbook = new InMemoryLookbook(jobs);
  const sut = new ImportJobRunner(catalog, lookbook, jobs, { import: { chunkSize, heartbeatIntervalMs: 1000, staleAfterMs: 30_000, sourceDelayMs: 0 } });
  const runJob = async (params: Partial<ImportJobParams> = {}) => {
    const id = `job-${jobs.jobs.size + 1}`;
    await jobs.createQueued(id, { mode: 'import', limit: 100, resumeFromLast: true, startAfterId: null, ...params }, new Date());
    await sut.run(id);
    return jobs.jobs.get(id)!;
  };
  return { catalog, lookbook, jobs, sut, runJob };
}

/** Records the order in which the runner selects, reads and writes. */
function recordEvents({ catalog, lookbook }: Pick<ReturnType<typeof setup>, 'catalog' | 'lookbook'>): string[] {
  const events: string[] = [];
  const select = catalog.selectEligibleIds.bind(catalog);
  catalog.selectEligibleIds = async (query) => {
    events.push(`select ${query.limit} after ${query.afterId}${query.continuing ? ', continuing' : ''}`);
    return select(query);
  };
  const fetch = catalog.fetchProducts.bind(catalog);
  catalog.fetchProducts = async (ids) => {
    events.push(`read ${ids[0]}`);
    return fetch(ids);
  };
  const transaction = lookbook.transaction.bind(lookbook);
  lookbook.transaction = async (work) => {
    await new Promise((resolve) => setImmediate(resolve)); // a write takes a while
    const before = lookbook.meta.get(CURSOR);
    const result = await transaction(work);
    if (lookbook.meta.get(CURSOR) !== before) events.push(`wrote ${lookbook.meta.get(CURSOR)}`);
    return result;
  };
  return events;
}

describe('ImportJobRunner', () => {
  it('completes with zero processed and leaves the cursor alone when the source has no rows', async () => {
    const { lookbook, runJob } = setup([]);
    lookbook.meta.set(CURSOR, '42');

    const job = await runJob();

    expect(job.status).toBe('completed');
    expect(job.metrics).toMatchObject({ total_found: 0, processed: 0, inserted: 0, last_processed_source_id: null });
    expect(lookbook.meta.get(CURSOR)).toBe('42');
  });

  it('imports N products with exact metrics and advances the cursor to the last one', async () => {
    const { lookbook, runJob } = setup();

    const job = await runJob({ limit: 100 });

    expect(job.status).toBe('completed');
    expect(job.metrics).toMatchObject({ total_found: 10, processed: 10, inserted: 10, updated: 0, unchanged: 0, skipped: 0, errors_count: 0, last_processed_source_id: 10 });
    expect(job.metrics.elapsed_ms).toBeGreaterThanOrEqual(0);
    expect(job.finished_at).not.toBeNull();
    expect([...lookbook.rows.keys()]).toHaveLength(10);
    expect(lookbook.meta.get(CURSOR)).toBe('10');
  });

  it('respects the limit, and the next resume job continues right after it', async () => {
    const { lookbook, runJob } = setup();

    const first = await runJob({ limit: 4 });
    const second = await runJob({ limit: 4 });

    expect(first.metrics).toMatchObject({ total_found: 4, processed: 4, last_processed_source_id: 4 });
    expect(second.metrics).toMatchObject({ total_found: 4, processed: 4, inserted: 4, last_processed_source_id: 8 });
    expect(lookbook.meta.get(CURSOR)).toBe('8');
    expect([...lookbook.rows.values()].map((p) => p.source_id).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('starts after startAfterId when resume is off, whatever the cursor says', async () => {
    const { lookbook, runJob } = setup();
    lookbook.meta.set(CURSOR, '2');

    const job = await runJob({ resumeFromLast: false, startAfterId: 6, limit: 100 });

    expect(job.metrics).toMatchObject({ total_found: 4, processed: 4, last_processed_source_id: 10 });
    expect([...lookbook.rows.values()].map((p) => p.source_id)).toEqual([7, 8, 9, 10]);
  });

  it('counts unchanged and updated rows when the same products are imported again', async () => {
    const products = Array.from({ length: 5 }, (_, i) => product(i + 1));
    const { runJob } = setup(products);
    await runJob();
    products[0].title = 'Renamed';

    const again = await runJob({ resumeFromLast: false, startAfterId: 0 });

    expect(again.metrics).toMatchObject({ processed: 5, inserted: 0, updated: 1, unchanged: 4 });
  });

  it('counts skipped and refused rows, lists the refused ones, and still completes', async () => {
    const { lookbook, runJob } = setup([product(1), product(2, { sku: '' }), product(3), product(4)]);
    lookbook.refused.add('SKU-3');

    const job = await runJob();

    expect(job.status).toBe('completed');
    expect(job.metrics).toMatchObject({ processed: 4, inserted: 2, skipped: 1, errors_count: 1 });
    expect(job.errors).toEqual([{ source_id: 3, sku: 'SKU-3', message: 'Data too long' }]);
    const m = job.metrics;
    expect(m.inserted + m.updated + m.unchanged + m.skipped + m.errors_count).toBe(m.processed);
  });

  it('keeps a refused product owed: every later job retries it until it is written, past the cursor', async () => {
    const { lookbook, runJob } = setup([product(1), product(2), product(3)]);
    lookbook.refused.add('SKU-2');
    await runJob();
    expect([...lookbook.owed.keys()]).toEqual([2]);

    const retried = await runJob();

    expect(retried.metrics).toMatchObject({ total_found: 1, processed: 1, errors_count: 1, last_processed_source_id: null });
    expect(retried.errors).toEqual([{ source_id: 2, sku: 'SKU-2', message: 'Data too long' }]);
    expect([...lookbook.owed.keys()]).toEqual([2]);
    lookbook.refused.clear();

    const written = await runJob();

    expect(written.metrics).toMatchObject({ total_found: 1, processed: 1, inserted: 1, errors_count: 0 });
    expect(lookbook.rows.has('SKU-2')).toBe(true);
    expect(lookbook.owed.size).toBe(0);
    expect(lookbook.meta.get(CURSOR)).toBe('3');
  });

  it('forgets an owed product the shop stopped selling, counted as skipped', async () => {
    const { catalog, lookbook, runJob } = setup([product(1), product(2)]);
    lookbook.refused.add('SKU-2');
    await runJob();
    catalog.remove(2);

    const job = await runJob();

    expect(job.metrics).toMatchObject({ processed: 1, skipped: 1, errors_count: 0 });
    expect(lookbook.owed.size).toBe(0);
  });

  it('fails with a readable message when the source is lost mid-job, keeping the committed chunks and their cursor', async () => {
    const { catalog, lookbook, runJob } = setup();
    catalog.failAfterId = 6; // chunks of 3: 1-3 and 4-6 commit, the third fetch fails

    const job = await runJob();

    expect(job.status).toBe('failed');
    expect(job.error_message).toBe('Magento database unavailable: connection lost');
    expect(job.error_message).not.toMatch(/127\.0\.0\.1|password|mysql:\/\//);
    expect(lookbook.meta.get(CURSOR)).toBe('6');
    expect(lookbook.rows.size).toBe(6);
    expect(job.metrics).toMatchObject({ processed: 6, last_processed_source_id: 6 });
  });

  it('reports progress after every chunk, with the total known before the first write', async () => {
    const { jobs, runJob } = setup();

    await runJob({ limit: 7 });

    const saved = jobs.history.filter((h) => h.status === 'running').map((h) => [h.metrics.total_found, h.metrics.processed]);
    expect(saved).toEqual([[null, 0], [7, 0], [7, 3], [7, 6], [7, 7]]);
  });

  it('stops after the current chunk on shutdown and marks the job failed', async () => {
    const { sut, lookbook, jobs } = setup();
    await jobs.createQueued('job-1', { mode: 'import', limit: 100, resumeFromLast: true, startAfterId: null }, new Date());
    const saveProgress = jobs.saveProgress.bind(jobs);
    jobs.saveProgress = async (id, lease, metrics, errors, now) => {
      const saved = await saveProgress(id, lease, metrics, errors, now);
      if (metrics.processed > 0) sut.requestStop(); // SIGTERM arrives while the first chunk is written
      return saved;
    };

    await sut.run('job-1');

    const job = jobs.jobs.get('job-1')!;
    expect(job.status).toBe('failed');
    expect(job.error_message).toBe(SHUTDOWN_MESSAGE);
    expect(lookbook.meta.get(CURSOR)).toBe('3');
    expect(lookbook.rows.size).toBe(3);
  });

  it('stops without writing once its job was failed by the stale rule, leaving the cursor and rows of the run that took over', async () => {
    const { catalog, lookbook, jobs, sut } = setup();
    await jobs.createQueued('paused', { mode: 'import', limit: 100, resumeFromLast: true, startAfterId: null }, new Date());
    const fetch = catalog.fetchProducts.bind(catalog);
    catalog.fetchProducts = async (ids) => {
      // The process is paused once its first chunk is written, as it reads its second (a process's
      // first job reads a chunk only then): the stale rule fails its job, and another job imports
      // everything before this one wakes up.
      if (ids[0] === 4) {
        jobs.failAsStale('paused', 'Interrupted: the backend process running it stopped (no heartbeat for 30 s)');
        lookbook.meta.set(CURSOR, '10');
      }
      return fetch(ids);
    };

    await sut.run('paused');

    const job = jobs.jobs.get('paused')!;
    expect(job).toMatchObject({ status: 'failed', error_message: 'Interrupted: the backend process running it stopped (no heartbeat for 30 s)' });
    expect(job.metrics).toMatchObject({ processed: 3, last_processed_source_id: 3 });
    expect(lookbook.cursorHistory).toEqual([3]);
    expect(lookbook.meta.get(CURSOR)).toBe('10');
    expect([...lookbook.rows.values()].map((p) => p.source_id)).toEqual([1, 2, 3]);
  });

  it('never moves the cursor backwards: re-importing an earlier range leaves it where it is', async () => {
    const { lookbook, runJob } = setup();
    await runJob({ limit: 8 });

    const again = await runJob({ resumeFromLast: false, startAfterId: 0, limit: 5 });

    expect(again).toMatchObject({ status: 'completed', metrics: { processed: 5, unchanged: 5, last_processed_source_id: 5 } });
    expect(lookbook.meta.get(CURSOR)).toBe('8');
    expect(lookbook.cursorHistory).toEqual([3, 6, 8, 8, 8]);
  });

  it('keeps trying to record the failure while the Lookbook database is away, with its real reason, once it is back', async () => {
    const { catalog, jobs, runJob } = setup();
    catalog.failAfterId = 3;
    const saveProgress = jobs.saveProgress.bind(jobs);
    jobs.saveProgress = async (...args) => {
      const saved = await saveProgress(...args);
      if (args[2].processed === 3) {
        jobs.unreachable = true; // the job database goes away right after the first chunk
        setTimeout(() => (jobs.unreachable = false), 600);
      }
      return saved;
    };
    const started = Date.now();

    const job = await runJob();

    expect(job).toMatchObject({ status: 'failed', error_message: 'Magento database unavailable: connection lost', metrics: { processed: 3 } });
    expect(Date.now() - started).toBeLessThan(600 + 1_500);
  });

  it('fails with its real reason when the Lookbook is out of reach as it starts, once the database is back', async () => {
    const { lookbook, jobs, runJob } = setup();
    jobs.unreachable = true;
    setTimeout(() => (jobs.unreachable = false), 300);

    const job = await runJob();

    expect(job).toMatchObject({ status: 'failed', error_message: 'Lookbook database unavailable: connection refused', metrics: { processed: 0 } });
    expect(job.started_at).not.toBeNull();
    expect(lookbook.rows.size).toBe(0);
    expect(lookbook.meta.get(CURSOR)).toBeUndefined();
  });

  it('fails under its lease a job it took while the answer was lost, reading nothing from the shop', async () => {
    const { catalog, lookbook, jobs, runJob } = setup();
    const markRunning = jobs.markRunning.bind(jobs);
    jobs.markRunning = async (...args) => {
      jobs.markRunning = markRunning; // the database is back for the next attempt
      await markRunning(...args);
      throw Object.assign(new Error('Connection lost: the server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' });
    };
    const reads = jest.spyOn(catalog, 'fetchProducts');

    const job = await runJob();

    expect(job).toMatchObject({ status: 'failed', error_message: 'Lookbook database unavailable: connection lost', metrics: { processed: 0 } });
    expect(reads).not.toHaveBeenCalled();
    expect(lookbook.rows.size).toBe(0);
  });

  it.each([
    ['landed', 'counted', 6, '6'],
    ['lost', 'not counted', 3, '3'],
  ] as const)('a chunk whose COMMIT was cut off and %s is %s: the counters agree with the rows and the cursor', async (cut, _counted, processed, cursor) => {
    const { lookbook, jobs, runJob } = setup();
    const saveProgress = jobs.saveProgress.bind(jobs);
    jobs.saveProgress = async (...args) => {
      const saved = await saveProgress(...args);
      if (args[2].processed === 3) lookbook.cutAtNextCommit = cut; // the second chunk's COMMIT is cut
      return saved;
    };

    const job = await runJob();

    expect(job).toMatchObject({ status: 'failed', error_message: 'Lookbook database unavailable: connection lost' });
    expect(job.metrics).toMatchObject({ processed, inserted: processed, last_processed_source_id: processed });
    expect(lookbook.meta.get(CURSOR)).toBe(cursor);
    expect(lookbook.rows.size).toBe(processed);
  });

  it('reads the first chunk while it selects the rest, then up to three chunks ahead of the one it writes', async () => {
    const products = Array.from({ length: 18 }, (_, i) => product(i + 1));
    const { catalog, lookbook, runJob } = setup(products);
    await runJob({ limit: 3 }); // the process's first job
    const events = recordEvents({ catalog, lookbook });

    const job = await runJob({ limit: 15 });

    expect(job.status).toBe('completed');
    expect(events).toEqual([
      'select 3 after 3', 'read 4', 'select 12 after 6, continuing', 'read 7', 'read 10',
      'read 13', 'wrote 6', 'read 16', 'wrote 9', 'wrote 12', 'wrote 15', 'wrote 18',
    ]);
  });

  it("reads each chunk only once the one before is written in the process's first job, before its code is optimized", async () => {
    const { catalog, lookbook, runJob } = setup();
    const events = recordEvents({ catalog, lookbook });

    const job = await runJob({ limit: 9 });

    expect(job.status).toBe('completed');
    expect(events).toEqual(['select 3 after 0', 'select 6 after 3, continuing', 'read 1', 'wrote 3', 'read 4', 'wrote 6', 'read 7', 'wrote 9']);
  });

  it('reads the warm-up up to three chunks at a time, as a job reads', async () => {
    const { catalog, sut } = setup(Array.from({ length: 15 }, (_, i) => product(i + 1)));
    const fetch = catalog.fetchProducts.bind(catalog);
    let reading = 0;
    const readingAtEachStart: number[] = [];
    catalog.fetchProducts = async (ids) => {
      readingAtEachStart.push(++reading);
      await new Promise((resolve) => setImmediate(resolve)); // a read takes a while
      const page = await fetch(ids);
      reading--;
      return page;
    };

    await sut.warmUp();

    expect(readingAtEachStart).toHaveLength(5);
    expect(Math.max(...readingAtEachStart)).toBe(3);
  });

  it('warms up at boot by reading up to 4,000 products after the cursor, then from the start, writing nothing; a job started meanwhile waits for it, then reads ahead like any later job', async () => {
    const products = Array.from({ length: 12 }, (_, i) => product(i + 1));
    const { catalog, lookbook, sut, runJob } = setup(products);
    lookbook.meta.set(CURSOR, '3');
    const events = recordEvents({ catalog, lookbook });

    const booted = sut.onApplicationBootstrap();
    const job = await runJob({ limit: 9 });
    await booted;

    expect(job.status).toBe('completed');
    expect(events).toEqual([
      'select 4000 after 3, continuing', 'select 3991 after 0, continuing', 'read 4', 'read 7', 'read 10', 'read 1', // the warm-up
      'select 3 after 3', 'read 4', 'select 6 after 6, continuing', 'read 7', 'read 10', 'wrote 6', 'wrote 9', 'wrote 12',
    ]);
  });
});
