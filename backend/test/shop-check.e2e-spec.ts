import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { MagentoCatalogBuilder, ProductSpec } from '../../scripts/magento/catalog-builder';
import { parseMysqlUrl } from '../src/config/app-config';
import { migrateLookbook } from '../src/database/migrate';
import { TestDatabases, createTestDatabases } from './support/test-databases';

const run = promisify(execFile);
const TSX = resolve(__dirname, '../../node_modules/.bin/tsx');
const SCRIPT = resolve(__dirname, '../scripts/shop-check.ts');

describe('npm run shop:check', () => {
  let dbs: TestDatabases;
  let onSaleIds: number[];

  /** Runs the preflight as an admin would, with every shop setting given (a developer's .env cannot leak in). */
  async function shopCheck(env: Record<string, string> = {}) {
    const settings = {
      MYSQL_SHOP_URL: dbs.magentoUrl,
      LOOKBOOK_DB_URL: dbs.lookbookUrl,
      MAGENTO_STORE_ID: '1',
      MAGENTO_STOCK_SOURCE: 'msi',
      MAGENTO_TABLE_PREFIX: 'mg_',
      IMPORT_INCLUDE_NOT_VISIBLE: 'false',
      ...env,
    };
    try {
      const { stdout } = await run(TSX, [SCRIPT], { env: { ...process.env, ...settings } });
      return { code: 0, stdout };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, stdout: stdout + stderr };
    }
  }

  beforeAll(async () => {
    dbs = await createTestDatabases('shop_check');
    const conn = await mysql.createConnection({ uri: dbs.magentoUrl, charset: 'utf8mb4' });
    try {
      const shop = await MagentoCatalogBuilder.create(conn, { edition: 'commerce', tablePrefix: 'mg_' });
      await shop.msiSource('eu', { enabled: true });
      await shop.msiSource('eu_store', { enabled: true });
      await shop.msiStock(2, 'EU', { sources: ['eu', 'eu_store'], websites: ['base'] });
      onSaleIds = [];
      await shop.config('web/unsecure/base_url', 'http://shop.example/');
      await shop.config('web/secure/base_url', 'https://shop.example/');
      await shop.config('web/secure/use_in_frontend', 1);
      await shop.config('general/locale/timezone', 'Europe/Berlin', 'stores', 1);
      const storefront: Record<string, Partial<ProductSpec>> = {
        A: { attributes: { special_price: 4 }, urlRewrites: [{ storeId: 1, requestPath: 'shoes/a.html', targetPath: 'catalog/product/view/id/1', redirectType: 0, metadata: null }] },
        B: { gallery: [{ file: '/b/b.jpg', mediaType: 'image', disabled: 0, values: [{ storeId: 0, label: 'Front', position: 1, disabled: 0 }] }], image: '/b/b.jpg' },
        C: {},
      };
      for (const [sku, shown] of Object.entries(storefront)) {
        onSaleIds.push(await shop.product({ sku, price: 5, ...shown }));
        await shop.msiSourceItem('eu', sku, 3);
      }
      await shop.product({ sku: 'SOLD-OUT', price: 5 });
      const style = await shop.product({ sku: 'STYLE', type: 'configurable' });
      await shop.child(style, { sku: 'STYLE-M', size: 'M', qty: 0 });
    } finally {
      await conn.end();
    }
    await migrateLookbook(parseMysqlUrl('LOOKBOOK_DB_URL', dbs.lookbookUrl));
    await dbs.admin.query(
      `INSERT INTO \`${parseMysqlUrl('LOOKBOOK_DB_URL', dbs.lookbookUrl).database}\`.product_import_meta (\`key\`, value) VALUES ('last_successful_source_id', ?)`,
      [String(onSaleIds[0])],
    );
  });
  afterAll(() => dbs?.drop());

  it('prints the detected profile and counts, and advises against a user that can write to the shop', async () => {
    const { code, stdout } = await shopCheck();

    expect(stdout).toMatch(/Profile: Adobe Commerce \(staged row_id versions\); store 1 in website "base" \(1\), root category \d+; multi-source inventory, stock 2 "EU" \(enabled sources: eu, eu_store;/);
    expect(stdout).toContain('table prefix "mg_"');
    expect(stdout).toContain('Products: 6 (1 configurable); on sale in store 1: 3');
    expect(stdout).toContain(`On sale after the Lookbook's cursor (${onSaleIds[0]}): 2`);
    // The suites' database user may do anything; a real shop grants the importer SELECT only. A risk, not a failure.
    expect(stdout).toContain('Hint: The user in MYSQL_SHOP_URL can write to the shop database (ALL PRIVILEGES); the importer only reads: grant SELECT only.');
    expect(stdout).toContain('OK: the importer can read this shop.');
    expect(stdout).not.toContain('cannot read');
    expect(code).toBe(0);
  });

  it("prints the storefront's base URLs, timezone and date, a sample link and photo, and what the products on sale show", async () => {
    const { stdout } = await shopCheck();

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    expect(stdout).toContain(`Storefront: links https://shop.example/; photos https://shop.example/media/; timezone Europe/Berlin, today ${today}`);
    expect(stdout).toContain('Sample: product URL https://shop.example/shoes/a.html; image URL (none)');
    expect(stdout).toContain('On sale with a sale price today: 1; with photos: 1; with a URL rewrite: 1 (of 3)');
  });

  it.each([
    [
      'a wrong table prefix, naming the prefix the tables use',
      { MAGENTO_TABLE_PREFIX: '' },
      "Problem: The shop's tables are not named with MAGENTO_TABLE_PREFIX (empty) (18 tables missing, e.g. store); mg_catalog_product_entity exists: set MAGENTO_TABLE_PREFIX=mg_.",
    ],
    [
      'a store id the shop lacks, listing the ones it has',
      { MAGENTO_STORE_ID: '7' },
      'Problem: MAGENTO_STORE_ID 7 is not a store view of this shop; its store views are 1 "default", 2 "second": set MAGENTO_STORE_ID to one of them.',
    ],
    [
      'legacy stock on a shop whose website sells from another multi-source stock',
      { MAGENTO_STOCK_SOURCE: 'legacy' },
      'Problem: Website "base" sells from multi-source inventory stock 2 "EU", which legacy stock does not read: set MAGENTO_STOCK_SOURCE=msi.',
    ],
  ])('names %s on one line and exits non-zero', async (_case, env, line) => {
    const { code, stdout } = await shopCheck(env);

    expect(stdout).toContain(line);
    expect(stdout).not.toContain('Profile:');
    expect(code).toBe(1);
  });

  it.each([
    ['a closed port', (url: URL) => (url.port = '1'), 'Problem: The shop database refused the connection: check the host and port in MYSQL_SHOP_URL, and that the database server is running.'],
    ['a wrong password', (url: URL) => (url.password = 'not-the-password'), 'Problem: The shop database refused the login (access denied): check the user and password in MYSQL_SHOP_URL.'],
    ['an unknown host', (url: URL) => (url.hostname = 'shop-db.invalid'), 'Problem: Unknown host for the shop database: check the host name in MYSQL_SHOP_URL.'],
    ['no such database', (url: URL) => (url.pathname = '/t_no_such_shop'), 'Problem: The shop database server has no such database: check the database name in MYSQL_SHOP_URL.'],
  ])('says in words when the shop cannot be connected to (%s), without a code or stack trace', async (_case, spoil, line) => {
    const url = new URL(dbs.magentoUrl);
    spoil(url);
    const { code, stdout } = await shopCheck({ MYSQL_SHOP_URL: url.toString() });

    expect(stdout).toContain(line);
    expect(stdout).not.toMatch(/\b(E[A-Z_]{4,}|ER_[A-Z_]+)\b/);
    expect(stdout).not.toMatch(/\n\s+at /);
    expect(code).toBe(1);
  });
});
