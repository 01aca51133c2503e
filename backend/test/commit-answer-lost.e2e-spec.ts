import { setTimeout as sleep } from 'node:timers/promises';
import { BackendProcess } from './support/backend-process';
import { ImportFixture, startJob, waitForEnd } from './support/import-fixture';
import { TcpProxy } from './support/tcp-proxy';

/**
 * The Lookbook database does what the backend asked but its answer never reaches the backend (the
 * network fails right then): the backend cannot tell a lost write from a landed one, and must not
 * guess. A chunk: the job row is committed with it, so once the database is back the job records its
 * failure counting exactly the chunks that landed. Taking the job: it is failed under its lease all
 * the same, with its real reason, rather than left queued for the stale rule's "no heartbeat".
 */
describe('Answers from the Lookbook database that the backend never hears (real backend process)', () => {
  let fx: ImportFixture;
  let lookbook: TcpProxy;
  let backend: BackendProcess;

  beforeAll(async () => {
    fx = await ImportFixture.create('lookbook_commit_lost');
    lookbook = await TcpProxy.start(fx.dbs.lookbookUrl);
    backend = await fx.start({ IMPORT_CHUNK_SIZE: '20' }, { ...fx.dbs, lookbookUrl: lookbook.urlFor(fx.dbs.lookbookUrl) });
  }, 60_000);
  afterAll(async () => {
    await fx?.stopAll();
    await lookbook?.close();
    await fx?.close();
  });

  /** Starts a job, lets the relay lose the answer `trap` sets it to lose, then brings the relay back: the job ends failed, for that. */
  async function jobFailedByLostAnswer(trap: () => Promise<void>) {
    const answerLost = trap();
    const jobId = await startJob(backend, { limit: 100 });
    await answerLost;
    await sleep(500);
    await lookbook.restore();
    const job = await waitForEnd(backend, jobId, 10_000);
    expect(job.status).toBe('failed');
    expect(job.error_message).toMatch(/^Lookbook database unavailable: (connection lost|connection reset)$/);
    return job;
  }

  it('a chunk whose COMMIT landed fails the job counting that chunk: its counters, the rows and the cursor agree', async () => {
    // The first chunk's transaction: the one that moves the cursor (not the shop's currency, stored beside it).
    const job = await jobFailedByLostAnswer(() => lookbook.loseCommitAnswerAfter("product_import_meta (`key`, value) VALUES ('last_successful_source_id'"));

    const cursor = await fx.cursor();
    const chunk = fx.eligible.slice(0, 20);
    expect(cursor).toBe(chunk.at(-1));
    const imported = await fx.importedIds();
    expect(imported).toEqual(fx.expectedIds(cursor!));
    expect(job.metrics).toMatchObject({ total_found: 100, processed: 20, inserted: imported.length, skipped: 20 - imported.length, last_processed_source_id: cursor });
  });

  it('a job taken unheard fails with its real reason, writing nothing, and the next job runs', async () => {
    const [cursor, imported] = [await fx.cursor(), await fx.importedIds()];
    const job = await jobFailedByLostAnswer(() => lookbook.loseAnswerTo("SET status = 'running'"));

    expect(job.metrics).toMatchObject({ processed: 0, inserted: 0, last_processed_source_id: null });
    expect(await fx.cursor()).toBe(cursor);
    expect(await fx.importedIds()).toEqual(imported);
    const next = await waitForEnd(backend, await startJob(backend, { limit: 20 }));
    expect(next.status).toBe('completed');
  });
});
