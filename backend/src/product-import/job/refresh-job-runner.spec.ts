import { Logger } from '@nestjs/common';
import { InMemoryCatalog, InMemoryJobs, InMemoryLookbook, product } from '../testing/in-memory-ports';
import { ImportJobRunner } from './import-job-runner';
import { staleJobMessage } from './import-job-supervisor';
import { RefreshJobRunner } from './refresh-job-runner';

const CURSOR = 'last_successful_source_id';
const CONFIG = { import: { chunkSize: 3, heartbeatIntervalMs: 1000, staleAfterMs: 30_000, sourceDelayMs: 0 } };

/** A shop of ten products, all imported; then the test changes the shop and refreshes. */
async function imported(count = 10) {
  const catalog = new InMemoryCatalog(Array.from({ length: count }, (_, i) => product(i + 1)));
  const jobs = new InMemoryJobs();
  const lookbook = new InMemoryLookbook(jobs);
  const importer = new ImportJobRunner(catalog, lookbook, jobs, CONFIG);
  const sut = new RefreshJobRunner(catalog, lookbook, jobs, CONFIG);
  const run = async (runner: ImportJobRunner | RefreshJobRunner, mode: 'import' | 'refresh') => {
    const id = `job-${jobs.jobs.size + 1}`;
    await jobs.createQueued(id, { mode, limit: 1000, resumeFromLast: true, startAfterId: null }, new Date());
    await runner.run(id);
    return jobs.jobs.get(id)!;
  };
  await run(importer, 'import');
  return { catalog, lookbook, jobs, sut, refresh: () => run(sut, 'refresh') };
}

describe('RefreshJobRunner', () => {
  it('reports every product unchanged when the shop did not change, and leaves the cursor alone', async () => {
    const { lookbook, refresh } = await imported();

    const job = await refresh();

    expect(job.status).toBe('completed');
    expect(job.metrics).toMatchObject({ total_found: 10, processed: 10, inserted: 0, updated: 0, unchanged: 10, withdrawn: 0, skipped: 0, errors_count: 0, last_processed_source_id: 10 });
    expect(lookbook.meta.get(CURSOR)).toBe('10');
  });

  it('withdraws products the shop stopped selling, updates changed ones, and a second refresh changes nothing', async () => {
    const { catalog, lookbook, refresh } = await imported();
    catalog.remove(2);
    catalog.remove(7);
    catalog.put(product(4, { price: '12.5000', title: 'Renamed' }));

    const first = await refresh();
    const second = await refresh();

    expect(first.metrics).toMatchObject({ processed: 10, updated: 1, unchanged: 7, withdrawn: 2, errors_count: 0 });
    expect(lookbook.rows.get('SKU-2')).toEqual({ ...product(2), in_stock: false, stock_qty: '0.0000' });
    expect(lookbook.rows.get('SKU-4')).toMatchObject({ price: '12.5000', title: 'Renamed', in_stock: true });
    expect(second.metrics).toMatchObject({ processed: 10, updated: 0, unchanged: 10, withdrawn: 0 });
    expect(lookbook.rows.size).toBe(10);
  });

  it('brings a withdrawn product back when it sells again, counted as updated', async () => {
    const { catalog, lookbook, refresh } = await imported();
    catalog.remove(3);
    await refresh();
    catalog.put(product(3, { stock_qty: '8.0000' }));

    const job = await refresh();

    expect(job.metrics).toMatchObject({ updated: 1, withdrawn: 0, unchanged: 9 });
    expect(lookbook.rows.get('SKU-3')).toMatchObject({ in_stock: true, stock_qty: '8.0000' });
  });

  it('gives a row its new SKU when it is free, and by the SKU rule when another product holds it: the lower entity_id keeps it, the other is an error naming both', async () => {
    const { catalog, lookbook, refresh } = await imported();
    catalog.put(product(5, { sku: 'NEW-5' }));
    catalog.put(product(6, { sku: 'SKU-9' }));

    const job = await refresh();

    expect(lookbook.rows.has('SKU-5')).toBe(false);
    expect(lookbook.rows.get('NEW-5')).toMatchObject({ source_id: 5 });
    expect(lookbook.rows.get('SKU-9')).toMatchObject({ source_id: 6, in_stock: true });
    expect(lookbook.rows.get('SKU-6')).toMatchObject({ source_id: 6, in_stock: false });
    expect(job.errors).toEqual([{ source_id: 9, sku: 'SKU-9', message: expect.stringMatching(/"SKU-9" of product 9 .* "SKU-9" of product 6/) }]);
    // Ten rows and one owed product found; the row product 6 took over is walked once, as its.
    expect(job.metrics).toMatchObject({ total_found: 11, processed: 10, updated: 2, withdrawn: 1, errors_count: 1 });
    expect([...lookbook.owed.keys()]).toEqual([9]);

    const again = await refresh();

    expect(again.errors).toEqual(job.errors);
    expect(lookbook.rows.get('SKU-9')).toMatchObject({ source_id: 6, in_stock: true });
  });

  it('keeps the row with the current SKU of a source id and withdraws the copy left by an earlier SKU change', async () => {
    const { lookbook, refresh } = await imported(4);
    lookbook.seed(product(2, { sku: 'OLD-2' }));

    const job = await refresh();

    expect(job.metrics).toMatchObject({ total_found: 5, processed: 5, withdrawn: 1, unchanged: 4 });
    expect(lookbook.rows.get('OLD-2')).toMatchObject({ in_stock: false, stock_qty: '0.0000' });
    expect(lookbook.rows.get('SKU-2')).toMatchObject({ in_stock: true });
  });

  it('counts skipped and refused rows and leaves them as they were', async () => {
    const { catalog, lookbook, refresh } = await imported(4);
    catalog.put(product(1, { sku: '' }));
    catalog.put(product(2, { title: 'Too long for the column' }));
    lookbook.refused.add('SKU-2');

    const job = await refresh();

    expect(job.metrics).toMatchObject({ processed: 4, skipped: 1, errors_count: 1, unchanged: 2 });
    expect(lookbook.rows.get('SKU-1')).toEqual(product(1));
    expect(lookbook.rows.get('SKU-2')).toEqual(product(2));
  });

  it('fails with the shop named when the shop goes away, keeping the chunks written before', async () => {
    const { catalog, lookbook, refresh } = await imported();
    catalog.remove(1);
    catalog.remove(9);
    catalog.failAfterId = 6;

    const job = await refresh();

    expect(job.status).toBe('failed');
    expect(job.error_message).toMatch(/^Magento database unavailable/);
    expect(job.metrics).toMatchObject({ processed: 6, withdrawn: 1, last_processed_source_id: 6 });
    expect(lookbook.rows.get('SKU-1')).toMatchObject({ in_stock: false });
    expect(lookbook.rows.get('SKU-9')).toMatchObject({ in_stock: true });
  });

  it('commits nothing more once the stale rule failed its job while this process was paused, and logs it as a refresh', async () => {
    const { catalog, lookbook, jobs, refresh } = await imported();
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    catalog.remove(2);
    catalog.remove(5);
    const filter = catalog.filterEligible.bind(catalog);
    catalog.filterEligible = async (ids) => {
      if (ids[0] === 4) jobs.failAsStale([...jobs.jobs.keys()].at(-1)!, staleJobMessage(30));
      return filter(ids);
    };

    const job = await refresh();

    expect(job).toMatchObject({ status: 'failed', error_message: 'Interrupted: the backend process running it stopped (no heartbeat for 30 s)' });
    expect(warnings.mock.calls.map(([line]) => line)).toEqual([expect.stringMatching(new RegExp(`^Refresh job ${job.id} is no longer running under this process's lease`))]);
    expect(job.metrics).toMatchObject({ processed: 3, withdrawn: 1 });
    expect(lookbook.rows.get('SKU-2')).toMatchObject({ in_stock: false });
    expect(lookbook.rows.get('SKU-5')).toMatchObject({ in_stock: true }); // its chunk rolled back
  });

  it('stops after the current chunk on shutdown and marks the job failed', async () => {
    const { jobs, sut, refresh } = await imported();
    const saveProgress = jobs.saveProgress.bind(jobs);
    jobs.saveProgress = async (id, lease, metrics, errors) => {
      const saved = await saveProgress(id, lease, metrics, errors);
      if (metrics.processed > 0) sut.requestStop();
      return saved;
    };

    const job = await refresh();

    expect(job).toMatchObject({ status: 'failed', error_message: 'Interrupted by shutdown' });
    expect(job.metrics.processed).toBe(3);
  });
});
