import autocannon from 'autocannon';
import { ImportFixture, JOBS, getJob, startJob, waitForProgress } from './support/import-fixture';
import { AUTH } from './support/auth';

/**
 * 50 admins' dialogs polling one job at once, for 20 s, against a real backend process on
 * loopback while the job runs: every poll is answered, and the job keeps importing meanwhile.
 * Latency is printed for the record, not asserted (it depends on the machine).
 */
describe('Polling a running job under load (real backend process, loopback only)', () => {
  let fx: ImportFixture;

  beforeAll(async () => {
    fx = await ImportFixture.create('pollload');
  }, 60_000);
  afterAll(() => fx?.close());

  it('answers 50 concurrent pollers for 20 s with no error and no non-2xx while the job keeps progressing', async () => {
    // About 36 pages of 10, each after a 2 s pause, two read at a time (~36 s): the job outlasts the load.
    const backend = await fx.start({ IMPORT_CHUNK_SIZE: '10', IMPORT_TEST_SOURCE_DELAY_MS: '2000' });
    expect(new URL(backend.url).hostname).toBe('127.0.0.1');
    const jobId = await startJob(backend, { limit: 1000 });
    const before = await waitForProgress(backend, jobId, 1);

    const result = await autocannon({ url: `${backend.url}${JOBS}/${jobId}`, method: 'GET', headers: AUTH, connections: 50, duration: 20, timeout: 10 });

    console.log(
      `GET job, 50 pollers for 20 s: ${result.requests.total} requests (${Math.round(result.requests.average)}/s), ` +
        `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
    );
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
    expect(Object.keys(result.statusCodeStats)).toEqual(['200']);
    expect(result.requests.total).toBeGreaterThan(50);
    const after = await getJob(backend, jobId);
    expect(after.status).toBe('running');
    expect(after.metrics.processed).toBeGreaterThan(before.metrics.processed);
    // Stopped, so nothing commits between reading the cursor and the rows.
    await backend.stop('SIGTERM');
    const cursor = await fx.cursor();
    expect(await fx.importedIds()).toEqual(fx.expectedIds(cursor!));
  }, 60_000);
});
