import { QueryRunner } from 'typeorm';
import { loadMagentoMetadata } from './magento-metadata';
import { readDefaultConfig } from './shop-config';
import {
  CONFIG_TABLE, Edition, LinkField, MSI_TABLES, MagentoSettings, OPTIONAL_TABLES, OptionalTable, REQUIRED_TABLES, ShopProfile,
  ShopProfileError, StockProfile, table,
} from './shop-profile';
import { resolveStorefront } from './storefront';

/** What a look at the shop's schema found, whether or not the reader can work with it. */
export interface ShopInspection {
  profile: ShopProfile | null;
  /** Each a sentence an admin can act on; the reader refuses to run while there is one. */
  problems: string[];
  /** Advice that is not a problem, e.g. a stock source that looks better suited. */
  hints: string[];
}

const MIN_QTY_PATH = 'cataloginventory/item_options/min_qty';
/** Magento's "Default Stock", the one legacy stock items (cataloginventory_stock_item) belong to. */
const DEFAULT_STOCK_ID = 1;
/** The one table every Magento 2 catalog has, looked for under any prefix. */
const PRODUCT_TABLE = 'catalog_product_entity';

/**
 * Reads the shop's shape: edition (from the schema: a row_id column means content staging), the
 * store's website, the stock the website sells from and the attribute ids. A handful of small
 * queries; the reader runs it once per job.
 */
export async function inspectShop(runner: QueryRunner, settings: MagentoSettings): Promise<ShopInspection> {
  const problems: string[] = [];
  const hints: string[] = [];
  const prefixed = (name: string) => `${settings.tablePrefix}${name}`;
  const present = await presentTables(runner, [...REQUIRED_TABLES, ...MSI_TABLES, CONFIG_TABLE, ...OPTIONAL_TABLES].map(prefixed));
  const missing = (names: readonly string[]) => names.filter((name) => !present.has(prefixed(name))).map(prefixed);

  const missingRequired = missing(REQUIRED_TABLES);
  if (missingRequired.length > 0) {
    problems.push(await missingTablesProblem(runner, settings.tablePrefix, missingRequired));
    return { profile: null, problems, hints };
  }
  const missingMsi = missing(MSI_TABLES);
  if (settings.stockSource === 'msi' && missingMsi.length > 0) {
    problems.push(`MAGENTO_STOCK_SOURCE=msi, but the multi-source inventory table(s) are missing (${missingMsi.join(', ')}): set MAGENTO_STOCK_SOURCE=legacy.`);
  }

  const tables = { tablePrefix: settings.tablePrefix };
  const links = await stagedLinks(runner, prefixed('catalog_product_entity'), prefixed('catalog_category_entity'));
  const website = await storeWebsite(runner, tables, settings.storeId);
  if (!website) problems.push(await missingStoreProblem(runner, tables, settings.storeId));
  else if (!website.rootCategoryId) problems.push(`Store ${settings.storeId} has no root category (${prefixed('store_group')}.root_category_id): give its store group a root category in the shop's admin.`);

  const attributes = await loadMagentoMetadata(runner, tables);
  for (const code of ['status', 'visibility', 'name', 'price']) {
    if (!attributes.byCode.has(code)) problems.push(`The shop has no product attribute "${code}" in ${prefixed('eav_attribute')}: is this a complete Magento 2 database?`);
  }

  let stock: StockProfile = { source: 'legacy' };
  if (missingMsi.length === 0) {
    const sources = await msiSourceCount(runner, tables);
    const msi = website ? await msiStock(runner, tables, website.code, present.has(prefixed(CONFIG_TABLE))) : null;
    if (settings.stockSource === 'legacy' && msi && msi.source === 'msi' && msi.stockId !== DEFAULT_STOCK_ID) {
      // Legacy stock items hold the default stock's quantities only: this website's would be wrong.
      problems.push(
        `Website "${website!.code}" sells from multi-source inventory stock ${msi.stockId} "${msi.stockName}", which legacy stock does not read: set MAGENTO_STOCK_SOURCE=msi.`,
      );
    } else if (settings.stockSource === 'legacy' && sources > 1) {
      hints.push(`The shop has multi-source inventory with ${sources} sources: consider MAGENTO_STOCK_SOURCE=msi, which counts salable quantities as the shop does.`);
    }
    if (settings.stockSource === 'msi' && website) {
      if (msi) stock = msi;
      else problems.push(`No multi-source inventory stock is assigned to website "${website.code}" (${prefixed('inventory_stock_sales_channel')}): assign one in the shop's admin, or set MAGENTO_STOCK_SOURCE=legacy.`);
    }
  }

  const optionalTables = new Set<OptionalTable>(OPTIONAL_TABLES.filter((name) => present.has(prefixed(name))));
  const absent = OPTIONAL_TABLES.filter((name) => !optionalTables.has(name)).map(prefixed);
  if (absent.length > 0) hints.push(`Table(s) ${absent.join(', ')} missing (a module switched off?): the fields read from them stay empty`);

  if (problems.length > 0 || !website) return { profile: null, problems, hints };
  const edition: Edition = links.product === 'row_id' ? 'commerce' : 'open-source';
  const storefront = await resolveStorefront(
    runner,
    tables,
    { storeId: settings.storeId, storeCode: website.storeCode, websiteId: website.id },
    settings,
    present.has(prefixed(CONFIG_TABLE)),
  );
  return {
    profile: {
      edition,
      productLink: links.product,
      categoryLink: links.category,
      tablePrefix: settings.tablePrefix,
      storeId: settings.storeId,
      website: { id: website.id, code: website.code },
      rootCategoryId: website.rootCategoryId,
      stock,
      includeNotVisible: settings.includeNotVisible,
      attributes,
      storefront,
      optionalTables,
    },
    problems,
    hints,
  };
}

/** The profile, or a ShopProfileError naming every problem found. */
export async function resolveShopProfile(runner: QueryRunner, settings: MagentoSettings): Promise<ShopProfile> {
  const { profile, problems } = await inspectShop(runner, settings);
  if (!profile) throw new ShopProfileError(problems.join('; '));
  return profile;
}

/** Which tables are missing, and which prefixes the database's tables do use. */
async function missingTablesProblem(runner: QueryRunner, prefix: string, missingTables: string[]): Promise<string> {
  const rows: Array<{ name: string }> = await runner.query(
    `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE ? ORDER BY TABLE_NAME`,
    [`%${PRODUCT_TABLE.replace(/_/g, '\\_')}`],
  );
  const prefixes = rows.map((row) => row.name.slice(0, -PRODUCT_TABLE.length)).filter((found) => /^[A-Za-z0-9_]*$/.test(found) && found !== prefix);
  const configured = `MAGENTO_TABLE_PREFIX ${prefix ? `"${prefix}"` : '(empty)'}`;
  if (prefixes.length > 0) {
    const fixes = prefixes
      .map((found) => (found ? `${found}${PRODUCT_TABLE} exists: set MAGENTO_TABLE_PREFIX=${found}` : `${PRODUCT_TABLE} exists without a prefix: set MAGENTO_TABLE_PREFIX to empty`))
      .join('; or ');
    return `The shop's tables are not named with ${configured} (${missingTables.length} tables missing, e.g. ${missingTables[0]}); ${fixes}.`;
  }
  if (rows.length === 0) return `The shop database has no Magento catalog (no ${PRODUCT_TABLE} table under any prefix): check the database name in MYSQL_SHOP_URL.`;
  return `Missing Magento table(s) with ${configured}: ${missingTables.join(', ')}; the importer needs every one of them.`;
}

/** A store id the shop lacks, with the store views it has. */
async function missingStoreProblem(runner: QueryRunner, tables: { tablePrefix: string }, storeId: number): Promise<string> {
  const stores: Array<{ store_id: number; code: string }> = await runner.query(
    `SELECT store_id, code FROM ${table(tables, 'store')} WHERE store_id <> 0 ORDER BY store_id`,
  );
  const known = stores.map((store) => `${store.store_id} "${store.code}"`).join(', ');
  return stores.length === 0
    ? `MAGENTO_STORE_ID ${storeId} is not a store view of this shop, which has none: create a store view in the shop's admin.`
    : `MAGENTO_STORE_ID ${storeId} is not a store view of this shop; its store views are ${known}: set MAGENTO_STORE_ID to one of them.`;
}

async function presentTables(runner: QueryRunner, names: string[]): Promise<Set<string>> {
  const rows: Array<{ name: string }> = await runner.query(
    `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?)`,
    [names],
  );
  return new Set(rows.map((row) => row.name));
}

async function stagedLinks(runner: QueryRunner, productTable: string, categoryTable: string): Promise<{ product: LinkField; category: LinkField }> {
  const rows: Array<{ name: string }> = await runner.query(
    `SELECT TABLE_NAME AS name FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?) AND COLUMN_NAME = 'row_id'`,
    [[productTable, categoryTable]],
  );
  const staged = new Set(rows.map((row) => row.name));
  return { product: staged.has(productTable) ? 'row_id' : 'entity_id', category: staged.has(categoryTable) ? 'row_id' : 'entity_id' };
}

async function storeWebsite(runner: QueryRunner, tables: { tablePrefix: string }, storeId: number) {
  const rows: Array<{ website_id: number; code: string; store_code: string; root_category_id: number | null }> = await runner.query(
    `SELECT w.website_id, w.code, s.code AS store_code, g.root_category_id
       FROM ${table(tables, 'store')} s
       JOIN ${table(tables, 'store_website')} w ON w.website_id = s.website_id
       LEFT JOIN ${table(tables, 'store_group')} g ON g.group_id = s.group_id
      WHERE s.store_id = ?`,
    [storeId],
  );
  if (rows.length === 0) return null;
  const [row] = rows;
  return { id: Number(row.website_id), code: String(row.code), storeCode: String(row.store_code), rootCategoryId: Number(row.root_category_id ?? 0) };
}

async function msiSourceCount(runner: QueryRunner, tables: { tablePrefix: string }): Promise<number> {
  const [{ n }] = await runner.query(`SELECT COUNT(*) AS n FROM ${table(tables, 'inventory_source')}`);
  return Number(n);
}

/** The website's stock (its sales channel), its enabled sources and the configured threshold. */
async function msiStock(runner: QueryRunner, tables: { tablePrefix: string }, websiteCode: string, hasConfig: boolean): Promise<StockProfile | null> {
  const stocks: Array<{ stock_id: number; name: string }> = await runner.query(
    `SELECT c.stock_id, s.name
       FROM ${table(tables, 'inventory_stock_sales_channel')} c
       JOIN ${table(tables, 'inventory_stock')} s ON s.stock_id = c.stock_id
      WHERE c.type = 'website' AND c.code = ?`,
    [websiteCode],
  );
  if (stocks.length === 0) return null;
  const stockId = Number(stocks[0].stock_id);
  const sources: Array<{ source_code: string }> = await runner.query(
    `SELECT l.source_code
       FROM ${table(tables, 'inventory_source_stock_link')} l
       JOIN ${table(tables, 'inventory_source')} s ON s.source_code = l.source_code
      WHERE l.stock_id = ? AND s.enabled = 1
      ORDER BY l.priority, l.source_code`,
    [stockId],
  );
  return {
    source: 'msi',
    stockId,
    stockName: String(stocks[0].name),
    sourceCodes: sources.map((row) => row.source_code),
    defaultMinQty: hasConfig ? await configuredMinQty(runner, tables) : '0',
  };
}

/** Magento's default scope value of the out-of-stock threshold; 0 when it was never configured. */
async function configuredMinQty(runner: QueryRunner, tables: { tablePrefix: string }): Promise<string> {
  const raw = await readDefaultConfig(runner, tables, MIN_QTY_PATH);
  return raw && Number.isFinite(Number(raw)) ? raw : '0';
}
