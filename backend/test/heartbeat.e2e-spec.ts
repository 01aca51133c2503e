import mysql from 'mysql2/promise';
import request from 'supertest';
import { AUTH } from './support/auth';
import { HandBuiltShop } from './support/hand-built-shop';
import { pollJob } from './support/poll';

type Row = mysql.RowDataPacket;
const STALE_AFTER_MS = 1_500;

/**
 * A chunk that takes longer than IMPORT_STALE_AFTER_MS (a slow shop) belongs to a live job: the
 * heartbeat, not the chunk's commit, keeps it from the stale rule. Each kind of job is run with one
 * chunk that outlasts the stale window.
 */
describe('The heartbeat of a job whose chunk outlasts the stale window (real databases)', () => {
  let world: HandBuiltShop;

  beforeAll(async () => {
    const env = {
      IMPORT_HEARTBEAT_INTERVAL_MS: '200',
      IMPORT_STALE_AFTER_MS: String(STALE_AFTER_MS),
      // Each chunk's shop read takes longer than the stale window.
      IMPORT_TEST_SOURCE_DELAY_MS: String(STALE_AFTER_MS + 1_000),
    };
    world = await HandBuiltShop.start('heartbeat', env, async (builder) => {
      for (const sku of ['BEAT-1', 'BEAT-2', 'BEAT-3']) await builder.product({ sku, price: 10, qty: 2 });
    });
  }, 60_000);
  afterAll(() => world?.close());

  it.each(['import', 'refresh'])('keeps a running %s job alive and completes it, its heartbeat never older than the stale window', async (mode) => {
    const { jobId } = (await request(world.http).post('/api/admin/product-import/jobs').set(AUTH).send({ mode }).expect(201)).body;
    let oldestBeatMs = 0;
    const watch = setInterval(async () => {
      const [[row]] = await world.dbs.admin.query<Row[]>(
        `SELECT TIMESTAMPDIFF(MICROSECOND, heartbeat_at, UTC_TIMESTAMP(3)) / 1000 AS age_ms FROM \`${world.lookbookDb}\`.product_import_jobs WHERE id = ? AND status = 'running'`,
        [jobId],
      );
      if (row) oldestBeatMs = Math.max(oldestBeatMs, Number(row.age_ms));
    }, 100);

    const job = (await pollJob(world.http, jobId)).at(-1)!;
    clearInterval(watch);

    expect(job).toMatchObject({ status: 'completed', error_message: null, metrics: { processed: 3 } });
    expect(oldestBeatMs).toBeLessThan(1_000);
  });
});
