import request from 'supertest';
import { BackendProcess } from './support/backend-process';
import { ImportFixture, JOBS, PRODUCTS, STATE, startJob, waitFor, waitForEnd } from './support/import-fixture';
import { TcpProxy } from './support/tcp-proxy';
import { AUTH } from './support/auth';

const REFUSED = 'The shop database refused the connection: check the host and port in MYSQL_SHOP_URL, and that the database server is running.';

/**
 * A real backend process started while one of its databases does not answer (a loopback relay that
 * is closed at boot). Without the shop's database it starts, says what is missing, and imports once
 * the shop answers, with no restart. Without the Lookbook database it refuses to start.
 */
describe('A database down when the backend starts (real backend process)', () => {
  let fx: ImportFixture;
  let shop: TcpProxy;
  let lookbook: TcpProxy;

  beforeAll(async () => {
    fx = await ImportFixture.create('downatstart', { products: 500 });
    shop = await TcpProxy.start(fx.dbs.magentoUrl);
    lookbook = await TcpProxy.start(fx.dbs.lookbookUrl);
  }, 60_000);
  afterAll(async () => {
    await fx?.stopAll();
    await Promise.all([shop?.close(), lookbook?.close()]);
    await fx?.close();
  });

  describe('the shop database', () => {
    let backend: BackendProcess;
    const health = () => request(backend.url).get('/api/health');

    beforeAll(async () => {
      await shop.cut();
      backend = await fx.start({}, { ...fx.dbs, magentoUrl: shop.urlFor(fx.dbs.magentoUrl) }, { until: 'answering' });
    });

    it('does not keep the backend from starting: health names it down, the Lookbook side is served', async () => {
      const response = await health().expect(503);

      expect(response.body.details).toEqual({
        lookbook_db: { status: 'up', responseTime: expect.any(Number) },
        magento_db: { status: 'down', responseTime: expect.any(Number), problem: REFUSED },
      });
      await request(backend.url).get(PRODUCTS).set(AUTH).expect(200);
      const state = await request(backend.url).get(STATE).set(AUTH).expect(200);
      expect(state.body).toMatchObject({ remaining: null, shop: { problems: [REFUSED], hints: [] } });
      expect(backend.output).toContain(`Shop check: ${REFUSED}`);
    });

    it('accepts a job and fails it with a message naming the shop database', async () => {
      const job = await waitForEnd(backend, await startJob(backend, { limit: 5 }));

      expect(job).toMatchObject({ status: 'failed', error_message: 'Magento database unavailable: connection refused' });
      expect((await fx.counts()).products).toBe(0);
    });

    it('imports once the shop database answers, in the same process', async () => {
      const pid = backend.pid;
      await shop.restore();

      await waitFor('health to recover', async () => (await health()).status, (status) => status === 200, { timeoutMs: 5_000 });
      const job = await waitForEnd(backend, await startJob(backend, { limit: 20 }));

      expect(job).toMatchObject({ status: 'completed', error_message: null });
      expect(await fx.importedIds()).toEqual(fx.expectedIds((await fx.cursor())!));
      expect((await fx.counts()).products).toBeGreaterThan(0);
      expect(backend.pid).toBe(pid);
      // No request waits for a count: the first answers may say it is being counted.
      const state = await waitFor('the count', async () => (await request(backend.url).get(STATE).set(AUTH).expect(200)).body, (body) => !body.remaining_counting, { timeoutMs: 5_000 });
      expect(state.shop.problems).toEqual([]);
      const cursor = (await fx.cursor())!;
      expect(state.remaining).toBe(fx.eligible.filter((id) => id > cursor).length);
    });
  });

  describe('the Lookbook database', () => {
    it('keeps the backend from starting, with the reason in its log', async () => {
      await lookbook.cut();

      const started = fx.start({}, { ...fx.dbs, lookbookUrl: lookbook.urlFor(fx.dbs.lookbookUrl) }, { until: 'answering' });

      await expect(started).rejects.toThrow(/backend exited early[\s\S]*ECONNREFUSED/);
    });
  });
});
