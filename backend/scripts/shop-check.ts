// `npm run shop:check`: before connecting a real shop, says what the importer will find there.
// Connects to MYSQL_SHOP_URL (environment, else the root .env) in read-only transactions, prints
// the shop's profile, counts and every problem on one line each. Exit status 1 on a problem.
import mysql from 'mysql2/promise';
import { DataSource, QueryRunner } from 'typeorm';
import { ConfigError, MysqlConnectionConfig, loadMagentoSettings, parseMysqlUrl } from '../src/config/app-config';
import { loadEnvFile } from '../src/config/env-file';
import { magentoDataSourceOptions } from '../src/database/data-source-options';
import { eligibleIdsQuery } from '../src/product-import/adapters/magento/eligibility-sql';
import { inspectShop } from '../src/product-import/adapters/magento/shop-inspection';
import { ShopProfile, describeProfile, liveProductVersion, table } from '../src/product-import/adapters/magento/shop-profile';
import { printStorefront } from './shop-check-storefront';

const WRITE_PRIVILEGES = /\b(ALL PRIVILEGES|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|INDEX|TRIGGER)\b/;

async function main(): Promise<number> {
  loadEnvFile();
  const shopDb = parseMysqlUrl('MYSQL_SHOP_URL', process.env.MYSQL_SHOP_URL);
  const settings = loadMagentoSettings();
  console.log(`Shop database: ${shopDb.user}@${shopDb.host}:${shopDb.port}/${shopDb.database}`);

  const dataSource = new DataSource(magentoDataSourceOptions(shopDb));
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SET SESSION TRANSACTION READ ONLY');
    const problems: string[] = [];
    const hints: string[] = [];
    const inspection = await inspectShop(runner, settings);
    problems.push(...inspection.problems);
    hints.push(...inspection.hints);
    const writable = await writableGrant(runner, shopDb.database);
    if (writable) problems.push(`The user ${shopDb.user} can write to the shop database (${writable}); the importer needs SELECT only`);

    if (inspection.profile) {
      console.log(`Profile: ${describeProfile(inspection.profile)}`);
      console.log(`Settings: MAGENTO_STORE_ID=${settings.storeId} MAGENTO_STOCK_SOURCE=${settings.stockSource} MAGENTO_TABLE_PREFIX=${settings.tablePrefix || '(empty)'} IMPORT_INCLUDE_NOT_VISIBLE=${settings.includeNotVisible}`);
      await printCounts(runner, inspection.profile, await lookbookCursor());
      await printStorefront(dataSource, runner, inspection.profile, settings);
    }
    for (const hint of hints) console.log(`Hint: ${hint}`);
    for (const problem of problems) console.log(`Problem: ${problem}`);
    console.log(problems.length === 0 ? 'OK: the importer can read this shop.' : `${problems.length} problem(s): the importer cannot read this shop as configured.`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    await runner.release();
    await dataSource.destroy();
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

/** The first grant that lets the current user write to the shop's database, or null. */
async function writableGrant(runner: QueryRunner, database: string): Promise<string | null> {
  const rows: Array<Record<string, string>> = await runner.query('SHOW GRANTS FOR CURRENT_USER()');
  for (const row of rows) {
    const grant = Object.values(row)[0];
    const on = grant.match(/ ON (\S+) TO /)?.[1];
    if (!on || !WRITE_PRIVILEGES.test(grant.slice(0, grant.indexOf(' ON ')))) continue;
    if (on === '*.*' || coversDatabase(on.split('.')[0], database)) return grant.replace(/ IDENTIFIED BY .*/, '');
  }
  return null;
}

/** Whether a grant's database part (`magento`, `mag\_%`) covers the database. */
function coversDatabase(quoted: string, database: string): boolean {
  const name = quoted.replace(/^`|`$/g, '');
  const pattern = name.replace(/\\_/g, '\u0000').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.').replace(/\u0000/g, '_');
  return new RegExp(`^${pattern}$`).test(database);
}

const fmt = (n: unknown) => Number(n).toLocaleString('en');

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
    else console.error(`Cannot check the shop: ${(error as { code?: string }).code ?? (error as Error).message}`);
    process.exit(2);
  },
);
