// `npm run shop:check`: before connecting a real shop, says what the importer will find there.
// Connects to MYSQL_SHOP_URL (environment, else the root .env) in read-only transactions, prints
// the shop's profile, counts and every problem on one line each. Exit status 1 on a problem.
import mysql from 'mysql2/promise';
import { QueryRunner } from 'typeorm';
import { ConfigError, MysqlConnectionConfig, loadMagentoSettings, parseMysqlUrl } from '../src/config/app-config';
import { loadEnvFile } from '../src/config/env-file';
import { magentoDataSourceOptions } from '../src/database/data-source-options';
import { NamedDataSource } from '../src/database/named-data-source';
import { eligibleIdsQuery } from '../src/product-import/adapters/magento/eligibility-sql';
import { diagnoseShop } from '../src/product-import/adapters/magento/shop-diagnosis';
import { ShopProfile, describeProfile, liveProductVersion, table } from '../src/product-import/adapters/magento/shop-profile';
import { printStorefront } from './shop-check-storefront';

async function main(): Promise<number> {
  loadEnvFile();
  const shopDb = parseMysqlUrl('MYSQL_SHOP_URL', process.env.MYSQL_SHOP_URL);
  const settings = loadMagentoSettings();
  console.log(`Shop database: ${shopDb.user}@${shopDb.host}:${shopDb.port}/${shopDb.database}`);

  // The backend runs the same diagnosis at boot and shows it in the dialog and the health check.
  const dataSource = new NamedDataSource('Magento', magentoDataSourceOptions(shopDb));
  try {
    const { profile, problems, hints, currency } = await diagnoseShop(dataSource, settings);
    if (profile) {
      console.log(`Profile: ${describeProfile(profile)}${currency ? `; base currency ${currency}` : ''}`);
      console.log(`Settings: MAGENTO_STORE_ID=${settings.storeId} MAGENTO_STOCK_SOURCE=${settings.stockSource} MAGENTO_TABLE_PREFIX=${settings.tablePrefix || '(empty)'} IMPORT_INCLUDE_NOT_VISIBLE=${settings.includeNotVisible}`);
      const runner = dataSource.createQueryRunner();
      try {
        await runner.query('START TRANSACTION READ ONLY');
        await printCounts(runner, profile, await lookbookCursor());
        await printStorefront(dataSource, runner, profile, settings);
      } finally {
        await runner.release();
      }
    }
    for (const hint of hints) console.log(`Hint: ${hint}`);
    for (const problem of problems) console.log(`Problem: ${problem}`);
    console.log(problems.length === 0 ? 'OK: the importer can read this shop.' : `${problems.length} problem(s): the importer cannot import from this shop as configured.`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

async function printCounts(runner: QueryRunner, profile: ShopProfile, cursor: number | null): Promise<void> {
  const [{ products, configurables }] = await runner.query(
    `SELECT COUNT(*) AS products, COALESCE(SUM(e.type_id = 'configurable'), 0) AS configurables
       FROM ${table(profile, 'catalog_product_entity')} e WHERE ${liveProductVersion(profile, 'e')}`,
  );
  const onSale = await countOnSale(runner, profile, 0);
  console.log(`Products: ${fmt(products)} (${fmt(configurables)} configurable); on sale in store ${profile.storeId}: ${fmt(onSale)}`);
  if (cursor !== null) console.log(`On sale after the Lookbook's cursor (${cursor}): ${fmt(await countOnSale(runner, profile, cursor))}`);
}

async function countOnSale(runner: QueryRunner, profile: ShopProfile, afterId: number): Promise<number> {
  const { sql, params } = eligibleIdsQuery(profile, { afterId, limit: null });
  const [{ n }] = await runner.query(`SELECT COUNT(*) AS n FROM (${sql}) on_sale`, params);
  return Number(n);
}

/** The Lookbook's resume cursor when LOOKBOOK_DB_URL is set and answers; null otherwise. */
async function lookbookCursor(): Promise<number | null> {
  if (!process.env.LOOKBOOK_DB_URL) return null;
  let db: MysqlConnectionConfig;
  try {
    db = parseMysqlUrl('LOOKBOOK_DB_URL', process.env.LOOKBOOK_DB_URL);
  } catch {
    return null;
  }
  const conn = await mysql.createConnection({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database, connectTimeout: 3_000 }).catch(() => null);
  if (!conn) return null;
  try {
    const [rows] = await conn.query<mysql.RowDataPacket[]>("SELECT value FROM product_import_meta WHERE `key` = 'last_successful_source_id'");
    return rows.length ? Number(rows[0].value) : 0;
  } catch {
    return null; // not migrated yet: nothing imported
  } finally {
    await conn.end();
  }
}

const fmt = (n: unknown) => Number(n).toLocaleString('en');

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
    else console.error(`Cannot check the shop: ${(error as Error).message}`);
    process.exit(2);
  },
);
