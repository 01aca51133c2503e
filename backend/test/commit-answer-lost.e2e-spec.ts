import { setTimeout as sleep } from 'node:timers/promises';
import { BackendProcess } from './support/backend-process';
import { ImportFixture, startJob, waitForEnd } from './support/import-fixture';
import { TcpProxy } from './support/tcp-proxy';

/**
 * The Lookbook database commits a chunk but its answer never reaches the backend (the network fails
 * right then): the backend cannot tell a lost chunk from a committed one, and must not guess. The
 * job row is committed with the chunk, so once the database is back the job records its failure
 * counting exactly the chunks that landed.
 */
describe('A chunk whose COMMIT lands while its answer is lost (real backend process)', () => {
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

  it('fails the job counting that chunk: its counters, the rows and the cursor agree', async () => {
    // The first chunk's transaction: it moves the cursor.
    const answerLost = lookbook.loseCommitAnswerAfter('INSERT INTO product_import_meta');
    const jobId = await startJob(backend, { limit: 100 });
    await answerLost;
    await sleep(500);
    await lookbook.restore();

    const job = await waitForEnd(backend, jobId, 10_000);
    expect(job.status).toBe('failed');
    expect(job.error_message).toMatch(/^Lookbook database unavailable: (connection lost|connection reset)$/);
    const cursor = await fx.cursor();
    const chunk = fx.eligible.slice(0, 20);
    expect(cursor).toBe(chunk.at(-1));
    const imported = await fx.importedIds();
    expect(imported).toEqual(fx.expectedIds(cursor!));
    expect(job.metrics).toMatchObject({ total_found: 100, processed: 20, inserted: imported.length, skipped: 20 - imported.length, last_processed_source_id: cursor });
  });
});
