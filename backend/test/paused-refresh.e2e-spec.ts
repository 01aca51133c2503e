import { setTimeout as sleep } from 'node:timers/promises';
import { BackendProcess } from './support/backend-process';
import { ImportFixture, getJob, startJob, waitFor, waitForEnd, waitForProgress } from './support/import-fixture';

/**
 * Two backend processes on the same databases; the one running a refresh is frozen (SIGSTOP, as a
 * VM pause freezes it) while it asks the shop about a chunk, past IMPORT_STALE_AFTER_MS. A refresh
 * holds no Lookbook row while it reads the shop, so the other process fails the refresh and runs a
 * new job over the very rows of the frozen chunk at once, not after MariaDB's lock wait (50 s).
 */
const REPLICA = { IMPORT_CHUNK_SIZE: '20', IMPORT_HEARTBEAT_INTERVAL_MS: '200', IMPORT_STALE_AFTER_MS: '1500' };

describe('A replica paused in the middle of a refresh (real backend processes)', () => {
  let fx: ImportFixture;
  let paused: BackendProcess;
  let other: BackendProcess;

  beforeAll(async () => {
    fx = await ImportFixture.create('paused_refresh', { products: 1500 });
    // Each of the paused process's chunks waits on the shop, so it is frozen there.
    [paused, other] = await Promise.all([fx.start({ ...REPLICA, IMPORT_TEST_SOURCE_DELAY_MS: '150' }), fx.start(REPLICA)]);
  }, 60_000);
  afterAll(async () => {
    // A process left stopped would ignore SIGKILL's exit until continued.
    if (paused) process.kill(paused.pid, 'SIGCONT');
    await fx?.close();
  });

  it("lets the other replica's new job over the frozen chunk's rows finish at once, and the woken refresh writes nothing", async () => {
    const imported = await waitForEnd(other, await startJob(other, { limit: 120 }));
    expect(imported).toMatchObject({ status: 'completed', metrics: { processed: 120 } });
    const refreshId = await startJob(paused, { mode: 'refresh' });
    await waitForProgress(paused, refreshId, 40);
    await fx.freezeWhileWaitingOnShop(paused);
    const frozenAt = (await fx.storedJob(refreshId)).metrics.processed;

    const lost = await waitFor('the other process to fail the paused refresh', () => getJob(other, refreshId), (job) => job.status === 'failed', { timeoutMs: 10_000 });
    expect(lost.error_message).toMatch(/no heartbeat/);

    // Re-imports every imported product, the frozen chunk's among them, and imports new ones after.
    const started = Date.now();
    const reimport = await waitForEnd(other, await startJob(other, { resumeFromLast: false, startAfterId: 0, limit: 120 }), 15_000);
    expect(reimport).toMatchObject({ status: 'completed', error_message: null, metrics: { processed: 120, errors_count: 0 } });
    const next = await waitForEnd(other, await startJob(other, { limit: 1000 }), 15_000);
    expect(next).toMatchObject({ status: 'completed', error_message: null });
    expect(next.metrics.inserted).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    const rowsBeforeWaking = await fx.importedIds();

    process.kill(paused.pid, 'SIGCONT');
    await waitFor('the woken process to say why it stops', async () => paused.output, (output) => output.includes(`job ${refreshId} is no longer running under this process's lease`), { timeoutMs: 5_000 });
    await sleep(500);

    expect(await fx.importedIds()).toEqual(rowsBeforeWaking);
    expect(await getJob(other, refreshId)).toMatchObject({ status: 'failed', metrics: { processed: frozenAt } });
  });
});
