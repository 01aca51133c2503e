import request from 'supertest';
import { AUTH } from './support/auth';
import { freePort } from './support/backend-process';
import { ImportFixture, PRODUCTS } from './support/import-fixture';

/** The currency the products API gives for the page's prices, with what the backend is given. */
describe('The products API names the shop currency its prices are in (real backend process)', () => {
  let fx: ImportFixture;
  const currencyOf = async (url: string) => {
    const { body } = await request(url).get(`${PRODUCTS}?pageSize=1`).set(AUTH).expect(200);
    return `${body.currency} (${body.currency_source})`;
  };
  const setBaseCurrency = (code: string) =>
    fx.dbs.admin.query(
      `INSERT INTO \`${fx.magentoDb}\`.core_config_data (scope, scope_id, path, value) VALUES ('default', 0, 'currency/options/base', ?)
         ON DUPLICATE KEY UPDATE value = VALUES(value)`,
      [code],
    );

  beforeAll(async () => {
    fx = await ImportFixture.create('currency', { products: 100 });
  }, 90_000);
  afterAll(() => fx?.close());

  it('uses SHOP_CURRENCY when the shop has no core_config_data table, and says so', async () => {
    await fx.dbs.admin.query(`DROP TABLE IF EXISTS \`${fx.magentoDb}\`.core_config_data`);
    const backend = await fx.start({ SHOP_CURRENCY: 'EUR' });

    expect(await currencyOf(backend.url)).toBe('EUR (setting)');
    await backend.stop();
  });

  it("uses the shop's base currency from core_config_data, and keeps it", async () => {
    // Magento's own table, as far as this read needs it.
    await fx.dbs.admin.query(
      `CREATE TABLE IF NOT EXISTS \`${fx.magentoDb}\`.core_config_data (
         config_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
         scope VARCHAR(8) NOT NULL DEFAULT 'default',
         scope_id INT NOT NULL DEFAULT 0,
         path VARCHAR(255) NOT NULL DEFAULT 'general',
         value TEXT NULL,
         updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
         UNIQUE KEY CORE_CONFIG_DATA_SCOPE_SCOPE_ID_PATH (scope, scope_id, path)
       )`,
    );
    await setBaseCurrency('GBP');
    const backend = await fx.start({ SHOP_CURRENCY: 'EUR' });

    expect(await currencyOf(backend.url)).toBe('GBP (shop)');
    await setBaseCurrency('JPY');
    expect(await currencyOf(backend.url)).toBe('GBP (shop)');
    await backend.stop();
  });

  it('keeps the currency the shop last told while the shop database is out of reach, after a restart too', async () => {
    const closedPort = await freePort();
    const unreachableShop = { ...fx.dbs, magentoUrl: `mysql://nobody:nothing@127.0.0.1:${closedPort}/magento` };
    const backend = await fx.start({ SHOP_CURRENCY: 'CHF' }, unreachableShop, { until: 'answering' });

    // The test before connected a backend to the shop, which said GBP (later JPY, read at this backend's start: the shop is gone).
    expect(await currencyOf(backend.url)).toBe('GBP (shop)');
    await backend.stop();
  });

  it('falls back to SHOP_CURRENCY, without waiting, and says so, when the shop has never answered', async () => {
    await fx.dbs.admin.query(`DELETE FROM \`${fx.lookbookDb}\`.product_import_meta WHERE \`key\` = 'shop_currency'`);
    const closedPort = await freePort();
    const unreachableShop = { ...fx.dbs, magentoUrl: `mysql://nobody:nothing@127.0.0.1:${closedPort}/magento` };
    const backend = await fx.start({ SHOP_CURRENCY: 'CHF' }, unreachableShop, { until: 'answering' });

    expect(await currencyOf(backend.url)).toBe('CHF (setting)');
    await backend.stop();
  });
});

describe('The shop currency of a shop installed with a table prefix (real backend process)', () => {
  let fx: ImportFixture;

  beforeAll(async () => {
    fx = await ImportFixture.create('currency_prefixed', { products: 100, edition: 'commerce', stock: 'msi', tablePrefix: 'mg_' });
  }, 90_000);
  afterAll(() => fx?.close());

  it("reads the base currency from the prefixed core_config_data (the generator's shop sells in EUR)", async () => {
    const backend = await fx.start({ SHOP_CURRENCY: 'USD' });
    const currencyOf = async () => (await request(backend.url).get(`${PRODUCTS}?pageSize=1`).set(AUTH).expect(200)).body.currency;

    expect(await currencyOf()).toBe('EUR');
    await backend.stop();
  });
});
