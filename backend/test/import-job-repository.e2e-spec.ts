import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { migrateLookbook } from '../src/database/migrate';
import { ImportJobRepository } from '../src/product-import/adapters/lookbook/import-job.repository';
import { JobAlreadyRunningError } from '../src/product-import/domain/import-errors';
import { ImportJobParams } from '../src/product-import/domain/import-job';
import { TestDatabases, createTestDatabases } from './support/test-databases';
import { openDataSources, testConfig } from './support/test-app';

const PARAMS: ImportJobParams = { mode: 'import', limit: 10, resumeFromLast: true, startAfterId: null };

describe('ImportJobRepository on MariaDB', () => {
  let dbs: TestDatabases;
  let lookbook: DataSource;
  let close: () => Promise<unknown>;
  let sut: ImportJobRepository;

  beforeAll(async () => {
    dbs = await createTestDatabases('jobstore');
    await migrateLookbook(testConfig(dbs).lookbookDb);
    ({ lookbook, close } = await openDataSources(dbs));
    sut = new ImportJobRepository(lookbook);
  });
  afterAll(async () => {
    await close();
    await dbs.drop();
  });

  it('answers requests that queued behind a released active slot with one job created and the others refused, never a deadlock', async () => {
    // Another request's job, inserted but not yet committed: the requests below wait for its slot.
    const holder = lookbook.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`INSERT INTO product_import_jobs (id, status, params, metrics, errors, created_at) VALUES (?, 'queued', '{}', '{}', '[]', NOW())`, [randomUUID()]);
    const requests = [randomUUID(), randomUUID(), randomUUID()].map((id) =>
      sut.createQueued(id, PARAMS, new Date()).then(
        () => 'created',
        (error) => (error instanceof JobAlreadyRunningError ? 'already running' : (error.code ?? String(error))),
      ),
    );
    await sleep(500);

    // Released: the waiting inserts, each holding a shared lock on the slot, now deadlock one another.
    await holder.rollbackTransaction();
    await holder.release();
    const outcomes = await Promise.all(requests);

    expect(outcomes.sort()).toEqual(['already running', 'already running', 'created']);
    const [{ active }] = await lookbook.query(`SELECT COUNT(*) AS active FROM product_import_jobs WHERE status = 'queued'`);
    expect(Number(active)).toBe(1);
  });
});
