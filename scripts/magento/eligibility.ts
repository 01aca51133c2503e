import type { Connection, RowDataPacket } from 'mysql2/promise';

/**
 * What "on sale" means for a store of a Magento shop, in the plainest SQL that states each rule,
 * straight from Magento's tables. It is the independent check on the importer's reader (the tests'
 * oracle) and the count the seed prints, so it never shares code with the reader.
 *
 * A product is on sale in store S (website W = the store's website) when, in its version in force
 * (Adobe Commerce: created_in <= UNIX_TIMESTAMP() < updated_in; Open Source: its only row):
 * - enabled: status for store S (its row, else the store-0 row) is 1;
 * - visible: visibility (same fallback; a product without one counts as visible) is not 1, unless
 *   includeNotVisible;
 * - assigned to website W (catalog_product_website);
 * - in stock, legacy: its stock item (stock 1) has is_in_stock = 1 and qty > 0; a configurable has
 *   is_in_stock = 1 itself and at least one counted child: enabled for S, assigned to W,
 *   is_in_stock = 1 and qty > 0;
 * - in stock, MSI: salable quantity > 0, where salable = Σ quantity of its source items with
 *   status 1 whose source is enabled and linked to W's stock (inventory_stock_sales_channel) +
 *   Σ reservations of that stock − the threshold (the stock item's min_qty when
 *   use_config_min_qty = 0, else core_config_data cataloginventory/item_options/min_qty at the
 *   default scope, else 0); a configurable needs one counted child (enabled for S, assigned to W,
 *   salable > 0) and its own flags are not consulted.
 * stockQty: the product's qty (legacy) or salable quantity (MSI); a configurable's is the sum over
 * its counted children.
 */
export type StockSource = 'legacy' | 'msi';

export interface EligibilityQuery {
  /** The Magento database; default the connection's current one. */
  database?: string;
  tablePrefix?: string;
  /** Default 1. */
  storeId?: number;
  /** Default 'legacy'. */
  stockSource?: StockSource;
  includeNotVisible?: boolean;
}

export interface EligibleProduct {
  id: number;
  stockQty: number;
}

export interface StoreContext {
  storeId: number;
  websiteId: number;
  websiteCode: string;
  edition: 'open-source' | 'commerce';
  /** The MSI stock sold on the store's website (null when none is assigned). */
  stock: { id: number; name: string } | null;
  /** cataloginventory/item_options/min_qty at the default scope, 0 when absent. */
  configMinQty: number;
}

/** Eligible products of the store, by entity_id ascending. */
export async function eligibleProducts(conn: Connection, query: EligibilityQuery = {}): Promise<EligibleProduct[]> {
  const sql = await eligibleSql(conn, query);
  if (sql === null) return [];
  const [rows] = await conn.query<RowDataPacket[]>(sql);
  return rows.map((row) => ({ id: Number(row.entity_id), stockQty: Number(row.stock_qty) }));
}

export async function eligibleProductIds(conn: Connection, query: EligibilityQuery = {}): Promise<number[]> {
  return (await eligibleProducts(conn, query)).map((product) => product.id);
}

export async function countEligibleProducts(conn: Connection, query: EligibilityQuery = {}): Promise<number> {
  return (await eligibleProducts(conn, query)).length;
}

/** The store's website, the shop's edition, its MSI stock and the configured threshold. */
export async function describeStore(conn: Connection, query: EligibilityQuery = {}): Promise<StoreContext> {
  const t = tableNamer(conn, query);
  const storeId = query.storeId ?? 1;
  const [[website]] = await conn.query<RowDataPacket[]>(
    `SELECT w.website_id, w.code FROM ${t('store')} s JOIN ${t('store_website')} w ON w.website_id = s.website_id WHERE s.store_id = ?`,
    [storeId],
  );
  if (!website) throw new Error(`Store ${storeId} does not exist`);
  const exists = async (table: string) => {
    const [rows] = await conn.query<RowDataPacket[]>(
      'SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?',
      [query.database ?? null, `${query.tablePrefix ?? ''}${table}`],
    );
    return rows.length > 0;
  };
  // A shop without the MSI modules has no stock tables; without core_config_data the threshold is 0.
  let stock: StoreContext['stock'] = null;
  if (await exists('inventory_stock_sales_channel')) {
    const [stocks] = await conn.query<RowDataPacket[]>(
      `SELECT k.stock_id, k.name FROM ${t('inventory_stock_sales_channel')} c JOIN ${t('inventory_stock')} k ON k.stock_id = c.stock_id
        WHERE c.type = 'website' AND c.code = ?`,
      [website.code],
    );
    if (stocks.length > 0) stock = { id: Number(stocks[0].stock_id), name: String(stocks[0].name) };
  }
  let configMinQty = 0;
  if (await exists('core_config_data')) {
    const [config] = await conn.query<RowDataPacket[]>(
      `SELECT value FROM ${t('core_config_data')} WHERE path = 'cataloginventory/item_options/min_qty' AND scope = 'default' AND scope_id = 0`,
    );
    configMinQty = Number(config[0]?.value ?? 0) || 0;
  }
  const [stagedColumns] = await conn.query<RowDataPacket[]>(
    `SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND COLUMN_NAME = 'row_id'`,
    [query.database ?? null, `${query.tablePrefix ?? ''}catalog_product_entity`],
  );
  return {
    storeId,
    websiteId: Number(website.website_id),
    websiteCode: String(website.code),
    edition: stagedColumns.length > 0 ? 'commerce' : 'open-source',
    stock,
    configMinQty,
  };
}

function tableNamer(conn: Connection, query: EligibilityQuery): (name: string) => string {
  const database = query.database ? `${conn.escapeId(query.database)}.` : '';
  return (name) => `${database}${conn.escapeId(`${query.tablePrefix ?? ''}${name}`)}`;
}

/** The whole statement; null when nothing can be on sale (MSI and the website sells no stock). */
async function eligibleSql(conn: Connection, query: EligibilityQuery): Promise<string | null> {
  const t = tableNamer(conn, query);
  const store = await describeStore(conn, query);
  const stockSource = query.stockSource ?? 'legacy';
  if (stockSource === 'msi' && store.stock === null) return null;
  const [attributes] = await conn.query<RowDataPacket[]>(
    `SELECT a.attribute_code, a.attribute_id FROM ${t('eav_attribute')} a
       JOIN ${t('eav_entity_type')} e ON e.entity_type_id = a.entity_type_id
      WHERE e.entity_type_code = 'catalog_product' AND a.attribute_code IN ('status', 'visibility')`,
  );
  const idOf = (code: string): number => {
    const id = attributes.find((row) => row.attribute_code === code)?.attribute_id;
    if (id === undefined) throw new Error(`The catalog_product attribute "${code}" is missing`);
    return Number(id);
  };

  // Every value below is a number read from the database or a setting, so inlining it is safe.
  const staged = store.edition === 'commerce';
  const link = staged ? 'row_id' : 'entity_id';
  const active = (alias: string) => (staged ? `AND ${alias}.created_in <= UNIX_TIMESTAMP() AND UNIX_TIMESTAMP() < ${alias}.updated_in` : '');
  const value = (code: string, alias: string) =>
    `(SELECT v.value FROM ${t('catalog_product_entity_int')} v
       WHERE v.${link} = ${alias}.${link} AND v.attribute_id = ${idOf(code)} AND v.store_id IN (0, ${store.storeId})
       ORDER BY v.store_id DESC LIMIT 1)`;
  const inWebsite = (alias: string) =>
    `EXISTS (SELECT 1 FROM ${t('catalog_product_website')} w WHERE w.product_id = ${alias}.entity_id AND w.website_id = ${store.websiteId})`;
  const legacyItem = (alias: string, test: string) =>
    `EXISTS (SELECT 1 FROM ${t('cataloginventory_stock_item')} si WHERE si.product_id = ${alias}.entity_id AND si.stock_id = 1 AND ${test})`;
  const legacyQty = (alias: string) =>
    `COALESCE((SELECT si.qty FROM ${t('cataloginventory_stock_item')} si WHERE si.product_id = ${alias}.entity_id AND si.stock_id = 1), 0)`;
  const stockId = store.stock?.id ?? 0;
  const salable = (alias: string) => `(
      COALESCE((SELECT SUM(item.quantity) FROM ${t('inventory_source_item')} item
                  JOIN ${t('inventory_source')} source ON source.source_code = item.source_code AND source.enabled = 1
                  JOIN ${t('inventory_source_stock_link')} linked ON linked.source_code = item.source_code AND linked.stock_id = ${stockId}
                 WHERE item.sku = ${alias}.sku AND item.status = 1), 0)
    + COALESCE((SELECT SUM(r.quantity) FROM ${t('inventory_reservation')} r WHERE r.stock_id = ${stockId} AND r.sku = ${alias}.sku), 0)
    - COALESCE((SELECT IF(si.use_config_min_qty = 0, si.min_qty, ${store.configMinQty}) FROM ${t('cataloginventory_stock_item')} si
                 WHERE si.product_id = ${alias}.entity_id AND si.stock_id = 1), ${store.configMinQty}))`;

  const ownStock = stockSource === 'legacy' ? legacyItem('p', 'si.is_in_stock = 1 AND si.qty > 0') : `${salable('p')} > 0`;
  const ownQty = stockSource === 'legacy' ? legacyQty('p') : salable('p');
  const childStock = stockSource === 'legacy' ? legacyItem('c', 'si.is_in_stock = 1 AND si.qty > 0') : `${salable('c')} > 0`;
  const childQty = stockSource === 'legacy' ? legacyQty('c') : salable('c');
  const parentFlag = stockSource === 'legacy' ? `${legacyItem('p', 'si.is_in_stock = 1')} AND` : '';
  const countedChildren = (select: string) => `
    (SELECT ${select}
       FROM ${t('catalog_product_super_link')} l
       JOIN ${t('catalog_product_entity')} c ON c.entity_id = l.product_id ${active('c')}
      WHERE l.parent_id = p.${link}
        AND ${value('status', 'c')} = 1
        AND ${inWebsite('c')}
        AND ${childStock})`;
  const visible = query.includeNotVisible ? '' : `AND COALESCE(${value('visibility', 'p')}, 4) <> 1`;

  return `
    SELECT p.entity_id,
           IF(p.type_id = 'configurable', ${countedChildren(`COALESCE(SUM(${childQty}), 0)`)}, ${ownQty}) AS stock_qty
      FROM ${t('catalog_product_entity')} p
     WHERE ${value('status', 'p')} = 1 ${active('p')}
       ${visible}
       AND ${inWebsite('p')}
       AND IF(p.type_id = 'configurable', ${parentFlag} EXISTS ${countedChildren('1')}, ${ownStock})
     ORDER BY p.entity_id`;
}
