import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { MagentoCatalogBuilder } from '../../scripts/magento/catalog-builder';
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
      for (const sku of ['A', 'B', 'C']) {
        onSaleIds.push(await shop.product({ sku, price: 5 }));
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

  it('prints the detected profile and counts, and refuses a user that can write to the shop', async () => {
    const { code, stdout } = await shopCheck();

    expect(stdout).toMatch(/Profile: Adobe Commerce \(staged row_id versions\); store 1 in website "base" \(1\), root category \d+; multi-source inventory, stock 2 "EU" \(enabled sources: eu, eu_store;/);
    expect(stdout).toContain('table prefix "mg_"');
    expect(stdout).toContain('Products: 6 (1 configurable); on sale in store 1: 3');
    expect(stdout).toContain(`On sale after the Lookbook's cursor (${onSaleIds[0]}): 2`);
    // The suites' database user may do anything; a real shop grants the importer SELECT only.
    expect(stdout).toMatch(/Problem: The user \S+ can write to the shop database \(GRANT /);
    expect(code).toBe(1);
  });

  it('suggests the multi-source stock when legacy is configured on a shop with several sources', async () => {
    const { stdout } = await shopCheck({ MAGENTO_STOCK_SOURCE: 'legacy' });

    expect(stdout).toContain('Hint: Multi-source inventory tables present with 3 sources: consider MAGENTO_STOCK_SOURCE=msi');
    // Legacy stock reads the stock items, where the builder keeps 100 of every simple: SOLD-OUT counts there.
    expect(stdout).toContain('on sale in store 1: 4');
  });

  it.each([
    [{ MAGENTO_TABLE_PREFIX: '' }, 'Problem: Missing Magento table(s) (does the shop use a table prefix? set MAGENTO_TABLE_PREFIX): store, store_group, store_website'],
    [{ MAGENTO_STORE_ID: '7' }, 'Problem: MAGENTO_STORE_ID 7 is not a store view of this shop (no such row in mg_store)'],
  ])('names a wrong setting on one line and exits non-zero (%o)', async (env, line) => {
    const { code, stdout } = await shopCheck(env);

    expect(stdout).toContain(line);
    expect(stdout).not.toContain('Profile:');
    expect(code).toBe(1);
  });

  it('says when the shop cannot be reached, without a stack trace', async () => {
    const unreachable = new URL(dbs.magentoUrl);
    unreachable.port = '1';
    const { code, stdout } = await shopCheck({ MYSQL_SHOP_URL: unreachable.toString() });

    expect(stdout).toContain('Cannot check the shop: ECONNREFUSED');
    expect(stdout).not.toMatch(/\n\s+at /);
    expect(code).toBe(2);
  });
});
