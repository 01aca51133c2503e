import request from 'supertest';
import { AUTH } from './support/auth';
import { BackendProcess, freePort } from './support/backend-process';
import { ImportFixture, STATE, startJob, waitForEnd } from './support/import-fixture';

const HEALTH = '/api/health';

/**
 * The shop's diagnosis where the admin looks: a real backend started against each way a real shop
 * gets misconfigured says what is wrong, with the fix, in GET …/state (the dialog) and in health,
 * in words (no driver codes) and without the shop's host or password.
 */
describe("The shop's diagnosis in GET …/state and health (real backend process)", () => {
  let fx: ImportFixture;
  let backend: BackendProcess | undefined;

  beforeAll(async () => {
    // Adobe Commerce with a table prefix, its website selling from multi-source stock 2 "EU".
    fx = await ImportFixture.create('diagnosis', { products: 150, edition: 'commerce', stock: 'msi', tablePrefix: 'mg_' });
  }, 60_000);
  afterEach(async () => {
    await backend?.stop('SIGKILL');
    backend = undefined;
  });
  afterAll(() => fx?.close());

  const shopUrl = (spoil: (url: URL) => void) => {
    const url = new URL(fx.dbs.magentoUrl);
    spoil(url);
    return url.toString();
  };
  const start = async (env: Record<string, string>) => {
    backend = await fx.start(env, fx.dbs, { until: 'answering' });
    return backend;
  };

  it.each<[string, () => Promise<Record<string, string>>, string, 'down' | 'degraded']>([
    [
      'a wrong table prefix',
      async () => ({ MAGENTO_TABLE_PREFIX: '' }),
      "The shop's tables are not named with MAGENTO_TABLE_PREFIX (empty) (18 tables missing, e.g. store); mg_catalog_product_entity exists: set MAGENTO_TABLE_PREFIX=mg_.",
      'degraded',
    ],
    [
      'a wrong password',
      async () => ({ MYSQL_SHOP_URL: shopUrl((url) => (url.password = 'not-the-password')) }),
      'The shop database refused the login (access denied): check the user and password in MYSQL_SHOP_URL.',
      'down',
    ],
    [
      'a closed port',
      async () => {
        const port = await freePort();
        return { MYSQL_SHOP_URL: shopUrl((url) => (url.port = String(port))) };
      },
      'The shop database refused the connection: check the host and port in MYSQL_SHOP_URL, and that the database server is running.',
      'down',
    ],
    [
      'an unknown host',
      async () => ({ MYSQL_SHOP_URL: shopUrl((url) => (url.hostname = 'shop-db.invalid')) }),
      'Unknown host for the shop database: check the host name in MYSQL_SHOP_URL.',
      'down',
    ],
    [
      'no such database',
      async () => ({ MYSQL_SHOP_URL: shopUrl((url) => (url.pathname = '/t_no_such_shop')) }),
      'The shop database server has no such database: check the database name in MYSQL_SHOP_URL.',
      'down',
    ],
    [
      'a store id the shop lacks',
      async () => ({ MAGENTO_STORE_ID: '7' }),
      'MAGENTO_STORE_ID 7 is not a store view of this shop; its store views are 1 "default", 2 "second": set MAGENTO_STORE_ID to one of them.',
      'degraded',
    ],
    [
      'legacy stock on an MSI shop whose website sells from another stock',
      async () => ({ MAGENTO_STOCK_SOURCE: 'legacy' }),
      'Website "base" sells from multi-source inventory stock 2 "EU", which legacy stock does not read: set MAGENTO_STOCK_SOURCE=msi.',
      'degraded',
    ],
  ])('names %s with its fix, in the state and in health', async (_case, env, problem, healthStatus) => {
    const settings = await env();
    const started = await start(settings);

    const state = await request(started.url).get(STATE).set(AUTH).expect(200);
    expect(state.body.shop).toEqual({ problems: [problem], hints: expect.any(Array), checked_at: expect.any(String) });
    expect(state.body.remaining).toBeNull();
    expect(state.body.last_successful_source_id).toBe(0);
    const health = await request(started.url).get(HEALTH).expect(healthStatus === 'down' ? 503 : 200);
    expect(health.body.details.magento_db).toEqual({ status: healthStatus, responseTime: expect.any(Number), problem });
    expect(health.body.details.lookbook_db.status).toBe('up');
    // Words, and nothing about where the shop is or how to log in to it.
    for (const body of [state.body, health.body]) {
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/\b(E[A-Z]{5,}|ER_[A-Z_]+)\b/);
      expect(text).not.toContain(new URL(fx.dbs.magentoUrl).password);
      expect(text).not.toContain('shop-db.invalid');
    }
  });

  it('gives a user that can write to the shop as a hint: imports run, health is up', async () => {
    const started = await start({});

    const state = await request(started.url).get(STATE).set(AUTH).expect(200);
    expect(state.body.shop).toEqual({
      problems: [],
      // The suites' database user may do anything; a real shop grants the importer SELECT only.
      hints: ['The user in MYSQL_SHOP_URL can write to the shop database (ALL PRIVILEGES); the importer only reads: grant SELECT only.'],
      checked_at: expect.any(String),
    });
    expect(state.body.remaining).toBe(fx.eligible.length);
    const health = await request(started.url).get(HEALTH).expect(200);
    expect(health.body.details.magento_db).toEqual({ status: 'up', responseTime: expect.any(Number) });
    const job = await waitForEnd(started, await startJob(started, { limit: 10 }));
    expect(job.status).toBe('completed');
  });

  it('checks the shop again when a job fails for a shop reason, so the dialog shows why at once', async () => {
    const started = await start({});
    expect((await request(started.url).get(STATE).set(AUTH).expect(200)).body.shop.problems).toEqual([]);
    const channels = `\`${fx.magentoDb}\`.mg_inventory_stock_sales_channel`;
    // Someone unassigns the website's stock in the shop's admin while the backend runs.
    await fx.dbs.admin.query(`DELETE FROM ${channels} WHERE type = 'website' AND code = 'base'`);
    try {
      const job = await waitForEnd(started, await startJob(started, { limit: 10 }));
      expect(job.status).toBe('failed');

      const problem = 'No multi-source inventory stock is assigned to website "base" (mg_inventory_stock_sales_channel): assign one in the shop\'s admin, or set MAGENTO_STOCK_SOURCE=legacy.';
      expect(job.error_message).toContain(problem);
      const state = await request(started.url).get(STATE).set(AUTH).expect(200);
      expect(state.body.shop.problems).toEqual([problem]);
    } finally {
      await fx.dbs.admin.query(`INSERT INTO ${channels} (type, code, stock_id) VALUES ('website', 'base', 2)`);
    }
  });

  it('logs a problem once, in one line, however often health is probed, and a failed job without a stack trace', async () => {
    const started = await start({ MAGENTO_STORE_ID: '7' });
    for (let probe = 0; probe < 5; probe += 1) await request(started.url).get(HEALTH).expect(200);
    const job = await waitForEnd(started, await startJob(started, { limit: 10 }));

    expect(job.error_message).toContain('MAGENTO_STORE_ID 7 is not a store view of this shop');
    const lines = started.output.split('\n');
    expect(lines.filter((line) => line.includes('Shop check: MAGENTO_STORE_ID 7'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('magento_db is degraded'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes(`job ${job.id} failed`))).toHaveLength(1);
    expect(started.output).not.toMatch(/\n\s+at /);
  });
});
