import mysql from 'mysql2/promise';
import request from 'supertest';
import { ImportFixture, STATE, getJob, startJob, waitFor, waitForEnd, waitForProgress } from './support/import-fixture';
import { leakedDetails } from './support/leaks';
import { AUTH } from './support/auth';

/**
 * Real backend processes (built app) on the real MariaDB, interrupted mid-job in the ways
 * production can interrupt them. Whatever happens, the chunk rows and the resume cursor commit
 * together, the job ends up saying what happened, and a later job completes the import exactly.
 */
const CHUNK = 15;
const FAST_STALE = { IMPORT_HEARTBEAT_INTERVAL_MS: '200', IMPORT_STALE_AFTER_MS: '1000' };
/** A job that pauses before each page of 15, so there is time to interrupt it between chunks. */
const slowJob = (delayMs: number) => ({ ...FAST_STALE, IMPORT_CHUNK_SIZE: String(CHUNK), IMPORT_TEST_SOURCE_DELAY_MS: String(delayMs) });
const FAST_JOB = { ...FAST_STALE, IMPORT_CHUNK_SIZE: '250' };

describe('Import jobs interrupted mid-run (real backend processes)', () => {
  let fx: ImportFixture;

  beforeAll(async () => {
    fx = await ImportFixture.create('faults');
  }, 60_000);
  afterAll(() => fx?.close());
  beforeEach(() => fx.resetLookbook());
  afterEach(() => fx.stopAll());

  /** The Lookbook holds exactly the eligible products up to the cursor: no half chunk, nothing past it. */
  async function expectRowsInStepWithCursor(): Promise<number> {
    const cursor = await fx.cursor();
    expect(fx.eligible).toContain(cursor);
    expect(await fx.importedIds()).toEqual(fx.expectedIds(cursor!));
    return cursor!;
  }

  /** A new job resumes after the cursor, imports only what remains, and the Lookbook ends up exact. */
  async function expectResumeCompletesTheImport(cursor: number) {
    const backend = await fx.start(FAST_JOB);
    const remaining = fx.eligible.filter((id) => id > cursor).length;

    const job = await waitForEnd(backend, await startJob(backend, { limit: 1000 }));

    expect(job).toMatchObject({ status: 'completed', metrics: { total_found: remaining, processed: remaining, updated: 0, unchanged: 0 } });
    const imported = await fx.importedIds();
    expect(new Set(imported).size).toBe(imported.length);
    expect(imported).toEqual(fx.expectedIds());
    expect(await fx.cursor()).toBe(fx.eligible.at(-1));
  }

  it('fails a job whose process was killed (kill -9) once its heartbeat goes stale, keeps rows and cursor in step, and a resume job completes the import', async () => {
    const doomed = await fx.start(slowJob(250));
    const jobId = await startJob(doomed, { limit: 1000 });
    const before = await waitForProgress(doomed, jobId, 2 * CHUNK);
    expect(before.status).toBe('running');

    expect(await doomed.stop('SIGKILL')).toBeNull();

    // No process is left to say so: the job reads running until another process notices.
    expect((await fx.storedJob(jobId)).status).toBe('running');
    const cursor = await expectRowsInStepWithCursor();
    expect(cursor).toBeGreaterThanOrEqual(before.metrics.last_processed_source_id);

    const survivor = await fx.start(FAST_JOB);
    const job = await waitForEnd(survivor, jobId);
    expect(job).toMatchObject({ status: 'failed', error_message: 'Interrupted: the backend process running it stopped (no heartbeat for 1 s)' });
    expect(job.finished_at).not.toBeNull();
    expect(await fx.cursor()).toBe(cursor);
    const state = await request(survivor.url).get(STATE).set(AUTH).expect(200);
    expect(state.body).toMatchObject({ active_job: null, last_job: { id: jobId, status: 'failed' }, last_successful_source_id: cursor });

    await expectResumeCompletesTheImport(cursor);
  });

  it('on SIGTERM finishes the chunk in hand, marks the job "Interrupted by shutdown" and exits within seconds; a resume job completes the import', async () => {
    const backend = await fx.start(slowJob(250));
    const jobId = await startJob(backend, { limit: 1000 });
    await waitForProgress(backend, jobId, CHUNK);

    const signalledAt = Date.now();
    const exitCode = await backend.stop('SIGTERM');
    const exitMs = Date.now() - signalledAt;

    // enableShutdownHooks closes the app (the job stops after its chunk) and then re-raises SIGTERM,
    // so the process ends by that signal: no exit code (a failed close would exit with 1).
    expect(exitCode).toBeNull();
    expect(exitMs).toBeLessThan(5_000);
    // Written by the process itself on its way out: no other process is running.
    const job = await fx.storedJob(jobId);
    expect(job).toMatchObject({ status: 'failed', error_message: 'Interrupted by shutdown' });
    const cursor = await expectRowsInStepWithCursor();
    expect(job.metrics.last_processed_source_id).toBe(cursor);
    expect(job.metrics.processed).toBe(fx.eligible.filter((id) => id <= cursor).length);
    expect(job.metrics.processed).toBeLessThan(fx.eligible.length);

    await expectResumeCompletesTheImport(cursor);
  });

  it('fails the job with a readable message when its Magento connection is killed, keeping the cursor on the last committed chunk', async () => {
    const backend = await fx.start(slowJob(1_500));
    const jobId = await startJob(backend, { limit: 1000 });
    await waitForProgress(backend, jobId, CHUNK);
    // The next page's read is now pausing inside its read-only transaction on the shop database.
    const [reader] = await waitFor('the page read', () => fx.connectionsRunning(fx.magentoDb, 'DO SLEEP'), (ids) => ids.length === 1);

    await fx.dbs.admin.query(`KILL CONNECTION ${reader}`);

    const job = await waitForEnd(backend, jobId);
    expect(job.status).toBe('failed');
    // MariaDB closes the socket; the driver may see the closing error packet (killed) or just the close (lost).
    expect(job.error_message).toMatch(/^Magento database unavailable: connection (killed|lost)$/);
    expect(leakedDetails(job.error_message, fx.dbs)).toEqual([]);
    const cursor = await expectRowsInStepWithCursor();
    const committed = fx.eligible.filter((id) => id <= cursor);
    expect(job.metrics).toMatchObject({ processed: committed.length, last_processed_source_id: cursor });
    expect(committed.length % CHUNK).toBe(0);
    expect(Math.max(...(await fx.importedIds()))).toBe(fx.expectedIds(cursor).at(-1));
    // The same process reads the shop again: the killed connection left the pool.
    const state = await request(backend.url).get(STATE).set(AUTH).expect(200);
    expect(state.body).toMatchObject({ last_successful_source_id: cursor, remaining: fx.eligible.length - committed.length, active_job: null });
  });

  it('rolls back the whole chunk when its Lookbook connection is killed before the cursor is written, and fails the job', async () => {
    const backend = await fx.start(slowJob(800));
    const jobId = await startJob(backend, { limit: 1000 });
    await waitForProgress(backend, jobId, CHUNK);
    const committed = await fx.cursor();
    const committedIds = await fx.importedIds();
    // Hold the cursor row, so the next chunk writes its products and then waits to move the cursor.
    const holder = await mysql.createConnection({ uri: fx.dbs.lookbookUrl });
    const dirty = await mysql.createConnection({ uri: fx.dbs.lookbookUrl });
    try {
      await holder.beginTransaction();
      await holder.query("SELECT value FROM product_import_meta WHERE `key` = 'last_successful_source_id' FOR UPDATE");
      const [writer] = await waitFor('the chunk to wait on the cursor row', () => fx.connectionsRunning(fx.lookbookDb, 'INSERT INTO product_import_meta'), (ids) => ids.length === 1);
      await dirty.query('SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED');
      const [[uncommitted]] = await dirty.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM products');
      expect(Number(uncommitted.n)).toBeGreaterThan(committedIds.length);

      await fx.dbs.admin.query(`KILL CONNECTION ${writer}`);

      const job = await waitForEnd(backend, jobId);
      expect(job.status).toBe('failed');
      expect(job.error_message).toMatch(/^Lookbook database unavailable: connection (killed|lost)$/);
      expect(job.metrics).toMatchObject({ processed: fx.eligible.filter((id) => id <= committed!).length, last_processed_source_id: committed });
    } finally {
      await holder.rollback().catch(() => undefined);
      await Promise.all([holder.end(), dirty.end()]);
    }
    expect(await fx.cursor()).toBe(committed);
    expect(await fx.importedIds()).toEqual(committedIds);
    await expectRowsInStepWithCursor();
    expect((await getJob(backend, jobId)).status).toBe('failed');
  });
});
