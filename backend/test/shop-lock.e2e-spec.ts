import mysql from 'mysql2/promise';
import request from 'supertest';
import { BackendProcess } from './support/backend-process';
import { ImportFixture, STATE, startJob, waitFor, waitForEnd, waitForProgress } from './support/import-fixture';
import { AUTH } from './support/auth';

/**
 * A write lock held on the shop's product table from another session, as a reindex or a bulk edit
 * in the shop holds it. Every shop statement is bounded: a job fails "Magento database busy" and
 * keeps its cursor, GET /state and health answer within seconds, and shutdown is not held up.
 */
describe('The shop product table locked by another session (real backend process)', () => {
  let fx: ImportFixture;
  let backend: BackendProcess;
  let locker: mysql.Connection | undefined;

  async function lockProducts(): Promise<void> {
    locker = await mysql.createConnection({ uri: fx.dbs.magentoUrl });
    await locker.query('LOCK TABLES catalog_product_entity WRITE');
  }
  async function unlock(): Promise<void> {
    await locker?.end();
    locker = undefined;
  }

  beforeAll(async () => {
    fx = await ImportFixture.create('shop_lock');
    await fx.recordCursorHistory();
    backend = await fx.start({ MAGENTO_QUERY_TIMEOUT_MS: '2000', IMPORT_CHUNK_SIZE: '20', IMPORT_TEST_SOURCE_DELAY_MS: '100' });
  }, 60_000);
  afterEach(() => unlock());
  afterAll(() => fx?.close());

  it('fails a running job with "Magento database busy" within its bound, keeping rows and cursor in step', async () => {
    const jobId = await startJob(backend, { limit: 1000 });
    await waitForProgress(backend, jobId, 40);
    await lockProducts();
    const lockedAt = Date.now();

    const job = await waitForEnd(backend, jobId, 10_000);

    // Whichever bound ends the wait first (both are 2 s): the read's own, or the session's wait for the table lock.
    expect(job).toMatchObject({ status: 'failed', error_message: expect.stringMatching(/^Magento database busy: (statement timed out|lock wait timeout)$/) });
    // Bound of 2 s, plus the chunk in hand when the lock was taken.
    expect(Date.now() - lockedAt).toBeLessThan(5_000);
    const cursor = await fx.cursor();
    expect(cursor).toBe(job.metrics.last_processed_source_id);
    expect(await fx.importedIds()).toEqual(fx.expectedIds(cursor!));
    const history = await fx.cursorHistory();
    for (let i = 1; i < history.length; i++) expect(history[i]).toBeGreaterThan(history[i - 1]);
    expect(history.at(-1)).toBe(cursor);
  });

  it('fails a job started while the table is locked without touching the cursor', async () => {
    const cursor = await fx.cursor();
    const rows = await fx.importedIds();
    await lockProducts();

    const job = await waitForEnd(backend, await startJob(backend, { limit: 10 }), 10_000);

    // Its first statement that meets the lock may be a read (statement bound) or the schema look-up
    // of the shop's shape (lock wait bound): busy either way.
    expect(job).toMatchObject({ status: 'failed', error_message: expect.stringMatching(/^Magento database busy: (statement timed out|lock wait timeout)$/), metrics: { total_found: null, processed: 0 } });
    expect(await fx.cursor()).toBe(cursor);
    expect(await fx.importedIds()).toEqual(rows);
  });

  it('answers GET state within 5 s from the count it keeps, labelled with its age, while the table is locked', async () => {
    const read = async () => (await request(backend.url).get(STATE).set(AUTH).expect(200)).body;
    const counted = await waitFor('an exact count for the current cursor', read, (state) => !state.remaining_estimated, { timeoutMs: 10_000, intervalMs: 200 });
    await lockProducts();
    const startedAt = Date.now();

    const response = await request(backend.url).get(STATE).set(AUTH);

    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      last_successful_source_id: await fx.cursor(),
      remaining: counted.remaining,
      remaining_counted_at: counted.remaining_counted_at,
    });
  });

  it('answers GET state at once as "being counted" on a backend that never counted, 503 naming the busy shop once a count failed, and the count once the lock is gone', async () => {
    await lockProducts();
    // A second backend, started while the table is locked: its count at boot cannot finish.
    const fresh = await fx.start({ MAGENTO_QUERY_TIMEOUT_MS: '2000' });
    const startedAt = Date.now();

    const first = await request(fresh.url).get(STATE).set(AUTH);

    // No request waits for the count (100 ms on a quiet machine; this one is shared with other suites).
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ last_successful_source_id: await fx.cursor(), remaining: null, remaining_counting: true, remaining_counted_at: null });
    const read = () => request(fresh.url).get(STATE).set(AUTH);
    // The boot's count fails unheard; the next request starts one whose failure the one after it hears.
    const busy = await waitFor('503 once a count failed', read, (response) => response.status !== 200, { timeoutMs: 10_000, intervalMs: 200 });
    expect(busy.status).toBe(503);
    // Whichever bound ends the wait first: the read's own, or the session's wait for the table lock.
    expect(busy.body).toEqual({ statusCode: 503, message: expect.stringMatching(/^Magento database busy: (statement timed out|lock wait timeout)$/) });
    await unlock();
    const counted = await waitFor('the count once the lock is gone', read, (response) => response.status === 200 && response.body.remaining !== null, { timeoutMs: 10_000, intervalMs: 200 });
    expect(counted.body).toMatchObject({ last_successful_source_id: await fx.cursor(), remaining: fx.eligible.filter((id) => id > counted.body.last_successful_source_id).length, remaining_counting: false });
    await fresh.stop('SIGTERM');
  });

  it('reports the shop degraded in health within 3 s, and up again once the lock is gone', async () => {
    await lockProducts();
    const startedAt = Date.now();

    const response = await request(backend.url).get('/api/health').expect(200);

    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(response.body.status).toBe('degraded');
    expect(response.body.details).toEqual({
      lookbook_db: { status: 'up', responseTime: expect.any(Number) },
      magento_db: { status: 'degraded', responseTime: expect.any(Number) },
    });
    await unlock();
    const healthy = await request(backend.url).get('/api/health').expect(200);
    expect(healthy.body.status).toBe('ok');
  });

  it('exits within 10 s of SIGTERM while a job waits on the lock, even with a bound longer than that', async () => {
    const patient = await fx.start({ MAGENTO_QUERY_TIMEOUT_MS: '60000' });
    // A job waits for the warm-up at boot: once one has ended, the next one's own reads meet the lock.
    await waitForEnd(patient, await startJob(patient, { limit: 1 }), 10_000);
    await lockProducts();
    const jobId = await startJob(patient, { limit: 10 });
    await waitFor('the job to wait on the lock', () => fx.connectionsRunning(fx.magentoDb, 'SELECT'), (ids) => ids.length > 0, { timeoutMs: 5_000 });
    const cursor = await fx.cursor();

    const signalledAt = Date.now();
    const exitCode = await patient.stop('SIGTERM');

    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    // Closed cleanly, then ended by the re-raised SIGTERM (a failed close would exit with 1).
    expect(exitCode).toBeNull();
    expect(await fx.storedJob(jobId)).toMatchObject({ status: 'failed', error_message: 'Interrupted by shutdown' });
    expect(await fx.cursor()).toBe(cursor);
  });
});
