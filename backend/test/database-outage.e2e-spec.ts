import request from 'supertest';
import { BackendProcess } from './support/backend-process';
import { ImportFixture, JOBS, PRODUCTS, STATE, startJob, waitFor, waitForEnd } from './support/import-fixture';
import { leakedDetails } from './support/leaks';
import { TcpProxy } from './support/tcp-proxy';
import { AUTH } from './support/auth';

/**
 * A real backend process whose two databases sit behind loopback relays, so each can become
 * unreachable while the backend runs (and come back). The health check names the database that is
 * down; a database out of reach is a 503 naming it; errors are readable and never carry hosts,
 * ports, credentials, SQL or stack traces; a 500 names an error id that leads to the details in the log.
 */
const REFUSED = 'The shop database refused the connection: check the host and port in MYSQL_SHOP_URL, and that the database server is running.';

describe('Database outages seen through the HTTP API (real backend process)', () => {
  let fx: ImportFixture;
  let shop: TcpProxy;
  let lookbook: TcpProxy;
  let backend: BackendProcess;
  let firstJobId: string;
  const ports = () => [shop.port, lookbook.port];
  const health = () => request(backend.url).get('/api/health');

  beforeAll(async () => {
    fx = await ImportFixture.create('outage', { products: 1500 });
    shop = await TcpProxy.start(fx.dbs.magentoUrl);
    lookbook = await TcpProxy.start(fx.dbs.lookbookUrl);
    backend = await fx.start({}, { ...fx.dbs, magentoUrl: shop.urlFor(fx.dbs.magentoUrl), lookbookUrl: lookbook.urlFor(fx.dbs.lookbookUrl) });
    firstJobId = await startJob(backend, { limit: 10 });
    await waitForEnd(backend, firstJobId);
  }, 60_000);
  afterAll(async () => {
    await fx?.stopAll();
    await Promise.all([shop?.close(), lookbook?.close()]);
    await fx?.close();
  });
  afterEach(() => Promise.all([shop.restore(), lookbook.restore()]));

  it('reports each database as up, with status 200, when both answer', async () => {
    const response = await health().expect(200);

    expect(response.body).toMatchObject({ status: 'ok', error: {} });
    expect(response.body.details).toEqual({
      lookbook_db: { status: 'up', responseTime: expect.any(Number) },
      magento_db: { status: 'up', responseTime: expect.any(Number) },
    });
  });

  describe('when the shop database becomes unreachable', () => {
    beforeEach(() => shop.cut());

    it('reports magento_db down and lookbook_db up with status 503, saying nothing about where the database is', async () => {
      const response = await health().expect(503);

      expect(response.body.status).toBe('error');
      expect(response.body.details).toEqual({
        lookbook_db: { status: 'up', responseTime: expect.any(Number) },
        magento_db: { status: 'down', responseTime: expect.any(Number), problem: REFUSED },
      });
      expect(response.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
      expect(response.text).not.toContain(`:${shop.port}`);
    });

    it("answers GET state with the Lookbook side and the shop's problem in words, nothing more", async () => {
      const response = await request(backend.url).get(STATE).set(AUTH).expect(200);

      expect(response.body).toMatchObject({ last_successful_source_id: fx.eligible[9], remaining: null, remaining_counted_at: null });
      expect(response.body.shop).toEqual({ problems: [REFUSED], hints: [], checked_at: expect.any(String) });
      expect(leakedDetails(response.text, fx.dbs, ports())).toEqual([]);
    });

    it('still lists the Lookbook products, which do not need the shop', async () => {
      const response = await request(backend.url).get(PRODUCTS).set(AUTH).expect(200);

      expect(response.body.total).toBe(fx.expectedIds(fx.eligible[9]).length);
    });

    it('fails a job started meanwhile with a readable message, and reports healthy again once the shop is back', async () => {
      const job = await waitForEnd(backend, await startJob(backend, { limit: 5 }));
      expect(job).toMatchObject({ status: 'failed', error_message: 'Magento database unavailable: connection refused' });

      await shop.restore();

      await waitFor('health to recover', async () => (await health()).status, (status) => status === 200, { timeoutMs: 5_000 });
      await request(backend.url).get(STATE).set(AUTH).expect(200);
    });
  });

  describe('when the Lookbook database becomes unreachable', () => {
    beforeEach(() => lookbook.cut());

    it('reports lookbook_db down and magento_db up with status 503', async () => {
      const response = await health().expect(503);

      expect(response.body.details).toEqual({
        lookbook_db: { status: 'down', responseTime: expect.any(Number) },
        magento_db: { status: 'up', responseTime: expect.any(Number) },
      });
      expect(response.text).not.toContain(`:${lookbook.port}`);
    });

    it('answers GET state with 503 naming the Lookbook database', async () => {
      const response = await request(backend.url).get(STATE).set(AUTH).expect(503);

      expect(response.body).toEqual({ statusCode: 503, message: 'Lookbook database unavailable: connection refused' });
    });

    it('answers POST job, GET job and GET products with 503 naming the Lookbook database, nothing more', async () => {
      const answers = await Promise.all([
        request(backend.url).post(JOBS).set(AUTH).send({ limit: 5 }),
        request(backend.url).get(`${JOBS}/${firstJobId}`).set(AUTH),
        request(backend.url).get(PRODUCTS).set(AUTH),
      ]);

      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(answer.body).toEqual({ statusCode: 503, message: 'Lookbook database unavailable: connection refused' });
        expect(leakedDetails(answer.text, fx.dbs, ports())).toEqual([]);
      }
    });

    it('creates no job while it cannot record one, and serves every route again once the database is back', async () => {
      const before = await fx.counts();
      await request(backend.url).post(JOBS).set(AUTH).send({ limit: 5 }).expect(503);

      await lookbook.restore();

      const listed = await waitFor('products to be served again', () => request(backend.url).get(PRODUCTS).set(AUTH), (r) => r.status === 200, { timeoutMs: 5_000 });
      expect(listed.body.total).toBe(fx.expectedIds(fx.eligible[9]).length);
      expect(await fx.counts()).toEqual(before);
      await request(backend.url).get(`${JOBS}/${firstJobId}`).set(AUTH).expect(200);
      await health().expect(200);
      const job = await waitForEnd(backend, await startJob(backend, { limit: 5 }));
      expect(job).toMatchObject({ status: 'completed', metrics: { processed: 5 } });
    });
  });

  describe('when a Lookbook table is missing (not an outage)', () => {
    const rename = (from: string, to: string) => fx.dbs.admin.query(`RENAME TABLE \`${fx.lookbookDb}\`.${from} TO \`${fx.lookbookDb}\`.${to}`);
    beforeEach(() => rename('products', 'products_elsewhere'));
    afterEach(() => rename('products_elsewhere', 'products'));

    it('answers with a bare 500 whose error id leads to the details in the log', async () => {
      const response = await request(backend.url).get(PRODUCTS).set(AUTH).expect(500);

      expect(response.body).toEqual({ statusCode: 500, message: 'Internal server error', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(leakedDetails(response.text, fx.dbs, ports())).toEqual([]);
      const logged = await waitFor('the error id in the log', async () => backend.output, (output) => output.includes(response.body.errorId), { timeoutMs: 2_000 });
      const entry = logged.slice(logged.indexOf(response.body.errorId));
      expect(entry).toMatch(/ER_NO_SUCH_TABLE|doesn't exist/);
    });
  });
});
