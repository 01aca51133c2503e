import { NestExpressApplication } from '@nestjs/platform-express';
import mysql from 'mysql2/promise';
import { MagentoCatalogBuilder } from '../../scripts/magento/catalog-builder';
import { parseMysqlUrl } from '../src/config/app-config';
import { pollJob } from './support/poll';
import { startTestApp } from './support/test-app';
import { TestDatabases, createTestDatabases } from './support/test-databases';
import request from 'supertest';
import { AUTH } from './support/auth';

type Row = mysql.RowDataPacket;
const STALE_AFTER_MS = 1_500;

/**
 * A chunk that takes longer than IMPORT_STALE_AFTER_MS (a slow shop) belongs to a live job: the
 * heartbeat, not the chunk's commit, keeps it from the stale rule. Each kind of job is run with one
 * chunk that outlasts the stale window.
 */
describe('The heartbeat of a job whose chunk outlasts the stale window (real databases)', () => {
  let dbs: TestDatabases;
  let app: NestExpressApplication;
  let lookbookDb: string;

  beforeAll(async () => {
    dbs = await createTestDatabases('heartbeat');
    lookbookDb = parseMysqlUrl('LOOKBOOK_DB_URL', dbs.lookbookUrl).database;
    const shop = await mysql.createConnection({ uri: dbs.magentoUrl, charset: 'utf8mb4' });
    const builder = await MagentoCatalogBuilder.create(shop);
    for (const sku of ['BEAT-1', 'BEAT-2', 'BEAT-3']) await builder.product({ sku, price: 10, qty: 2 });
    await shop.end();
    app = await startTestApp(dbs, {
      IMPORT_HEARTBEAT_INTERVAL_MS: '200',
      IMPORT_STALE_AFTER_MS: String(STALE_AFTER_MS),
      // Each chunk's shop read takes longer than the stale window.
      IMPORT_TEST_SOURCE_DELAY_MS: String(STALE_AFTER_MS + 1_000),
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await dbs?.drop();
  });

  it.each(['import', 'refresh'])('keeps a running %s job alive and completes it, its heartbeat never older than the stale window', async (mode) => {
    const { jobId } = (await request(app.getHttpServer()).post('/api/admin/product-import/jobs').set(AUTH).send({ mode }).expect(201)).body;
    let oldestBeatMs = 0;
    const watch = setInterval(async () => {
      const [[row]] = await dbs.admin.query<Row[]>(
        `SELECT TIMESTAMPDIFF(MICROSECOND, heartbeat_at, UTC_TIMESTAMP(3)) / 1000 AS age_ms FROM \`${lookbookDb}\`.product_import_jobs WHERE id = ? AND status = 'running'`,
        [jobId],
      );
      if (row) oldestBeatMs = Math.max(oldestBeatMs, Number(row.age_ms));
    }, 100);

    const job = (await pollJob(app.getHttpServer(), jobId)).at(-1)!;
    clearInterval(watch);

    expect(job).toMatchObject({ status: 'completed', error_message: null, metrics: { processed: 3 } });
    expect(oldestBeatMs).toBeLessThan(1_000);
  });
});
