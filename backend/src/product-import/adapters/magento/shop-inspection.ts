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
    const hint = settings.tablePrefix ? ` with MAGENTO_TABLE_PREFIX "${settings.tablePrefix}"` : ' (does the shop use a table prefix? set MAGENTO_TABLE_PREFIX)';
    problems.push(`Missing Magento table(s)${hint}: ${missingRequired.join(', ')}`);
    return { profile: null, problems, hints };
  }
  const missingMsi = missing(MSI_TABLES);
  if (settings.stockSource === 'msi' && missingMsi.length > 0) {
    problems.push(`MAGENTO_STOCK_SOURCE=msi, but the multi-source inventory table(s) are missing: ${missingMsi.join(', ')}`);
  }

  const tables = { tablePrefix: settings.tablePrefix };
  const links = await stagedLinks(runner, prefixed('catalog_product_entity'), prefixed('catalog_category_entity'));
  const website = await storeWebsite(runner, tables, settings.storeId);
  if (!website) problems.push(`MAGENTO_STORE_ID ${settings.storeId} is not a store view of this shop (no such row in ${prefixed('store')})`);
  else if (!website.rootCategoryId) problems.push(`Store ${settings.storeId} has no root category (${prefixed('store_group')}.root_category_id)`);

  const attributes = await loadMagentoMetadata(runner, tables);
  for (const code of ['status', 'visibility', 'name', 'price']) {
    if (!attributes.byCode.has(code)) problems.push(`The shop has no product attribute "${code}" in ${prefixed('eav_attribute')}`);
  }

  let stock: StockProfile = { source: 'legacy' };
  if (missingMsi.length === 0) {
    const sources = await msiSourceCount(runner, tables);
    if (settings.stockSource === 'legacy' && sources > 1) {
      hints.push(`Multi-source inventory tables present with ${sources} sources: consider MAGENTO_STOCK_SOURCE=msi`);
    }
    if (settings.stockSource === 'msi' && website) {
      const msi = await msiStock(runner, tables, website.code, present.has(prefixed(CONFIG_TABLE)));
      if (msi) stock = msi;
      else problems.push(`No multi-source inventory stock is assigned to website "${website.code}" (${prefixed('inventory_stock_sales_channel')})`);
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
