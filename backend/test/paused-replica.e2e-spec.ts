import request from 'supertest';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackendProcess } from './support/backend-process';
import { ImportFixture, STATE, getJob, startJob, waitFor, waitForEnd, waitForProgress } from './support/import-fixture';
import { AUTH } from './support/auth';

/**
 * Two backend processes on the same databases; the one running a job is frozen (SIGSTOP, as a VM
 * pause or a long GC freezes it) past IMPORT_STALE_AFTER_MS. The other fails the job and runs a new
 * one to completion; then the frozen one is continued. It must commit nothing more for the job it
 * lost: the cursor never moves backwards, and rows, cursor and both jobs stay as the second left them.
 */
const STALE_AFTER_MS = 1_500;
const REPLICA = {
  IMPORT_CHUNK_SIZE: '20',
  IMPORT_HEARTBEAT_INTERVAL_MS: '200',
  IMPORT_STALE_AFTER_MS: String(STALE_AFTER_MS),
  // Each chunk first waits on the shop, so a frozen process is most likely frozen there.
  IMPORT_TEST_SOURCE_DELAY_MS: '150',
};
const STALE_MESSAGE = 'Interrupted: the backend process running it stopped (no heartbeat for 2 s)';

describe('A replica paused past the stale rule, then continued (real backend processes)', () => {
  let fx: ImportFixture;
  let paused: BackendProcess;
  let other: BackendProcess;

  beforeAll(async () => {
    fx = await ImportFixture.create('paused_replica');
    await fx.recordCursorHistory();
    [paused, other] = await Promise.all([fx.start(REPLICA), fx.start({ ...REPLICA, IMPORT_TEST_SOURCE_DELAY_MS: '0' })]);
  }, 60_000);
  afterAll(async () => {
    // A process left stopped would ignore SIGKILL's exit until continued.
    if (paused) process.kill(paused.pid, 'SIGCONT');
    await fx?.close();
  });

  it('commits nothing for its failed job once continued: the cursor never decreases, rows and jobs stay as the other process left them', async () => {
    const lostJobId = await startJob(paused, { limit: 1000 });
    await waitForProgress(paused, lostJobId, 60);
    await fx.freezeWhileWaitingOnShop(paused);
    const frozenAt = Date.now();
    const atFreeze = (await fx.storedJob(lostJobId)).metrics;

    const lost = await waitFor('the other process to fail the paused job', () => getJob(other, lostJobId), (job) => job.status === 'failed', { timeoutMs: 10_000 });
    expect(lost.error_message).toBe(STALE_MESSAGE);
    // Stale after 1.5 s, checked every second: released well within 5 s.
    expect(Date.now() - frozenAt).toBeLessThan(5_000);
    const cursorAtTakeover = await fx.cursor();
    expect(cursorAtTakeover).toBe(atFreeze.last_processed_source_id);

    const takeoverId = await startJob(other, { limit: 1000 });
    const takeover = await waitForEnd(other, takeoverId);
    const remaining = fx.eligible.filter((id) => id > cursorAtTakeover!).slice(0, 1000);
    expect(takeover).toMatchObject({ status: 'completed', metrics: { total_found: remaining.length, processed: remaining.length, inserted: remaining.length - remaining.filter((id) => fx.emptySku.has(id)).length } });
    const endCursor = remaining.at(-1)!;
    expect(await fx.cursor()).toBe(endCursor);
    const historyBeforeWaking = await fx.cursorHistory();

    process.kill(paused.pid, 'SIGCONT');
    const logged = await waitFor('the woken process to say why it stops', async () => paused.output, (output) => output.includes(`Import job ${lostJobId} is no longer running under this process's lease`), { timeoutMs: 5_000 });
    expect(logged).not.toContain(`Import job ${lostJobId} failed`);
    // Room for the chunks it would have written had it not stopped.
    await sleep(1_000);

    const history = await fx.cursorHistory();
    expect(history).toEqual(historyBeforeWaking);
    for (let i = 1; i < history.length; i++) expect(history[i]).toBeGreaterThanOrEqual(history[i - 1]);
    expect(await fx.cursor()).toBe(endCursor);
    expect(await fx.importedIds()).toEqual(fx.expectedIds(endCursor));
    const lostNow = await getJob(other, lostJobId);
    expect(lostNow).toMatchObject({ status: 'failed', error_message: STALE_MESSAGE, metrics: { processed: atFreeze.processed, last_processed_source_id: atFreeze.last_processed_source_id } });
    expect(await getJob(other, takeoverId)).toEqual(takeover);
    const state = await request(paused.url).get(STATE).set(AUTH).expect(200);
    expect(state.body).toMatchObject({ last_successful_source_id: endCursor, active_job: null, last_job: { id: takeoverId, status: 'completed' } });
  });

  it('leaves the cursor where it is when a job re-imports an earlier range', async () => {
    const before = await fx.cursor();
    const historyBefore = await fx.cursorHistory();

    const job = await waitForEnd(other, await startJob(other, { resumeFromLast: false, startAfterId: 0, limit: 100 }));

    expect(job).toMatchObject({ status: 'completed', metrics: { processed: 100, inserted: 0, last_processed_source_id: fx.eligible[99] } });
    expect(await fx.cursor()).toBe(before);
    const history = (await fx.cursorHistory()).slice(historyBefore.length);
    expect(history).toEqual(Array(5).fill(before));
    const state = await request(other.url).get(STATE).set(AUTH).expect(200);
    expect(state.body.last_successful_source_id).toBe(before);
  });
});
