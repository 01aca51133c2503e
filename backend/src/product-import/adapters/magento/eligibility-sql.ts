import { ShopProfile, liveProductVersion, table } from './shop-profile';

/** Which products to test: the next ones after a cursor (keyset paging), or exactly these. */
export type EligibilityScope = { afterId: number; limit: number | null } | { among: number[] };

/**
 * The SQL that picks the products the shop sells in the store, in entity_id order: enabled for
 * the store (its value, else the admin value), visible unless includeNotVisible, assigned to the
 * store's website, and in stock:
 * - legacy stock: its own stock item flagged in stock with qty > 0; a configurable needs its own
 *   flag and at least one counted child (enabled, in the website, flagged in stock, qty > 0);
 * - multi-source inventory: salable quantity > 0 (see salableQty); a configurable through at
 *   least one child that is enabled, in the website and salable.
 * On Adobe Commerce only each product's live version counts, and values hang on its row_id.
 *
 * Every test is a correlated subquery on the product row, and MariaDB evaluates them in the order
 * written: visibility first (it rules out most rows, the configurables' children), stock last (the
 * dearest). As LEFT JOINs the stock test ran first, on every row (measured 56 → 34 ms a job).
 */
export function eligibleIdsQuery(profile: ShopProfile, scope: EligibilityScope) {
  const sql = new SqlBuilder();
  const t = (name: Parameters<typeof table>[1]) => table(profile, name);
  const link = profile.productLink;
  const status = profile.attributes.byCode.get('status')!.id;
  const visibility = profile.attributes.byCode.get('visibility')?.id;

  // Every fragment that binds a value is built inside the template, so placeholders are bound in
  // the order they are written.
  const text = `
    SELECT e.entity_id
      FROM ${t('catalog_product_entity')} e
     WHERE ${'afterId' in scope ? `e.entity_id > ${sql.bind(scope.afterId)}` : `e.entity_id IN (${sql.bind(scope.among)})`}
       AND ${liveProductVersion(profile, 'e')}
       ${!profile.includeNotVisible && visibility !== undefined ? `AND COALESCE(${scopedInt(profile, sql, 'e', visibility)}, 4) <> 1` : ''}
       AND ${scopedInt(profile, sql, 'e', status)} = 1
       AND ${inWebsite(profile, sql, 'e')}
       AND IF(e.type_id = 'configurable',
              ${profile.stock.source === 'legacy' ? `${legacyFlagged(profile, 'e')} AND` : ''}
              EXISTS (SELECT 1
                        FROM ${t('catalog_product_super_link')} l
                        JOIN ${t('catalog_product_entity')} c ON c.entity_id = l.product_id AND ${liveProductVersion(profile, 'c')}
                       WHERE l.parent_id = e.${link}
                         AND ${scopedInt(profile, sql, 'c', status)} = 1
                         AND ${inWebsite(profile, sql, 'c')}
                         AND ${inStock(profile, sql, 'c')}),
              ${inStock(profile, sql, 'e')})
     ORDER BY e.entity_id
     ${'limit' in scope && scope.limit !== null ? `LIMIT ${sql.bind(scope.limit)}` : ''}`;
  return { sql: text, params: sql.params };
}

/** Collects parameters in the order their placeholders are written, which is the order they bind. */
export class SqlBuilder {
  readonly params: unknown[] = [];

  bind(value: unknown): string {
    this.params.push(value);
    return '?';
  }
}

/**
 * One int attribute's value for the store: its own row wins over the admin (store 0) row, even
 * when that row holds NULL.
 */
function scopedInt(profile: ShopProfile, sql: SqlBuilder, product: string, attributeId: number): string {
  const link = profile.productLink;
  return `(SELECT v.value FROM ${table(profile, 'catalog_product_entity_int')} v
            WHERE v.${link} = ${product}.${link} AND v.attribute_id = ${sql.bind(attributeId)}
              AND v.store_id IN (0, ${sql.bind(profile.storeId)})
            ORDER BY v.store_id DESC LIMIT 1)`;
}

function inWebsite(profile: ShopProfile, sql: SqlBuilder, product: string): string {
  return `EXISTS (SELECT 1 FROM ${table(profile, 'catalog_product_website')} w
                   WHERE w.product_id = ${product}.entity_id AND w.website_id = ${sql.bind(profile.website.id)})`;
}

/** The shop's own "In Stock" switch on the default stock item (legacy stock). */
function legacyFlagged(profile: ShopProfile, product: string): string {
  return `EXISTS (SELECT 1 FROM ${table(profile, 'cataloginventory_stock_item')} f
                   WHERE f.product_id = ${product}.entity_id AND f.stock_id = 1 AND f.is_in_stock = 1)`;
}

/** Whether a product (the alias of its catalog_product_entity row) has stock to sell. */
function inStock(profile: ShopProfile, sql: SqlBuilder, product: string): string {
  if (profile.stock.source === 'legacy') {
    return `EXISTS (SELECT 1 FROM ${table(profile, 'cataloginventory_stock_item')} si
                     WHERE si.product_id = ${product}.entity_id AND si.stock_id = 1 AND si.is_in_stock = 1 AND si.qty > 0)`;
  }
  return `${salableQty(profile, sql, product)} > 0`;
}

/**
 * Magento's salable quantity of a SKU in the website's stock (GetProductSalableQty): the quantity
 * of its in-stock items at the stock's enabled sources, plus the stock's reservations for it
 * (orders not yet shipped are negative), minus its out-of-stock threshold.
 */
export function salableQty(profile: ShopProfile, sql: SqlBuilder, product: string): string {
  if (profile.stock.source !== 'msi') throw new Error('salableQty needs a multi-source inventory profile');
  const { stockId, sourceCodes, defaultMinQty } = profile.stock;
  const sources = sourceCodes.length === 0
    ? '0'
    : `COALESCE((SELECT SUM(isi.quantity) FROM ${table(profile, 'inventory_source_item')} isi
                  WHERE isi.sku = ${product}.sku AND isi.status = 1 AND isi.source_code IN (${sql.bind(sourceCodes)})), 0)`;
  return `(${sources}
           + COALESCE((SELECT SUM(r.quantity) FROM ${table(profile, 'inventory_reservation')} r
                        WHERE r.stock_id = ${sql.bind(stockId)} AND r.sku = ${product}.sku), 0)
           - COALESCE((SELECT IF(m.use_config_min_qty = 0, m.min_qty, ${threshold(sql, defaultMinQty)})
                         FROM ${table(profile, 'cataloginventory_stock_item')} m
                        WHERE m.product_id = ${product}.entity_id AND m.stock_id = 1), ${threshold(sql, defaultMinQty)}))`;
}

/** The configured threshold as an exact decimal: a string parameter would turn the sum into a float. */
function threshold(sql: SqlBuilder, value: string): string {
  return `CAST(${sql.bind(value)} AS DECIMAL(20,6))`;
}
