import request from 'supertest';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackendProcess } from './support/backend-process';
import { ImportFixture, JOBS, startJob, waitFor, waitForEnd, waitForProgress } from './support/import-fixture';
import { TcpProxy } from './support/tcp-proxy';
import { AUTH } from './support/auth';

/**
 * The Lookbook database goes away in the middle of a job and comes back while the process keeps
 * running (the relay in front of it is cut, then restored; the shared server is never touched).
 * The job must be released with its real reason within moments of the database's return, not by
 * the stale rule's "no heartbeat" much later, and rows and cursor must agree.
 */
describe('A job whose Lookbook database goes away and comes back (real backend process)', () => {
  let fx: ImportFixture;
  let lookbook: TcpProxy;
  let backend: BackendProcess;

  beforeAll(async () => {
    fx = await ImportFixture.create('lookbook_release');
    await fx.recordCursorHistory();
    lookbook = await TcpProxy.start(fx.dbs.lookbookUrl);
    backend = await fx.start(
      // The default stale rule (30 s): only the runner itself can release the job within the bounds below.
      { IMPORT_CHUNK_SIZE: '20', IMPORT_TEST_SOURCE_DELAY_MS: '100', IMPORT_STALE_AFTER_MS: '30000' },
      { ...fx.dbs, lookbookUrl: lookbook.urlFor(fx.dbs.lookbookUrl) },
    );
  }, 60_000);
  afterAll(async () => {
    await fx?.stopAll();
    await lookbook?.close();
    await fx?.close();
  });

  it('fails the job with "Lookbook database unavailable" within 3 s of the database coming back, rows and cursor in step', async () => {
    const jobId = await startJob(backend, { limit: 1000 });
    await waitForProgress(backend, jobId, 60);

    await lookbook.cut();
    await sleep(4_000);
    // Nothing could be recorded meanwhile: the job still reads running.
    expect((await fx.storedJob(jobId)).status).toBe('running');
    const restoredAt = Date.now();
    await lookbook.restore();

    const job = await waitForEnd(backend, jobId, 10_000);
    const releasedAfterMs = Date.now() - restoredAt;
    expect(job.status).toBe('failed');
    expect(job.error_message).toMatch(/^Lookbook database unavailable: (connection lost|connection reset|connection refused)$/);
    expect(releasedAfterMs).toBeLessThan(3_000);
    const next = await request(backend.url).post(JOBS).set(AUTH).send({ limit: 5 });
    expect(next.status).toBe(201);
    await waitForEnd(backend, next.body.jobId);

    const cursor = await fx.cursor();
    expect(await fx.importedIds()).toEqual(fx.expectedIds(cursor!));
    const history = await fx.cursorHistory();
    for (let i = 1; i < history.length; i++) expect(history[i]).toBeGreaterThan(history[i - 1]);
    expect(history.at(-1)).toBe(cursor);
    // The failed job counts every chunk it committed: its last one is the cursor the next job started from.
    expect(job.metrics.last_processed_source_id).toBe(history.at(-2));
  });
});
