import { QueryRunner } from 'typeorm';
import { toUnits } from './decimal';
import { SqlBuilder, threshold } from './eligibility-sql';
import { ShopProfile, liveProductVersion, table } from './shop-profile';

export interface StockLevel {
  /** In ten-thousandths: the item's qty (legacy) or its salable quantity (multi-source inventory). */
  qty: bigint;
  /** Whether the shop would sell it: flagged in stock with qty > 0 (legacy), salable > 0 (msi). */
  sellable: boolean;
}

/**
 * Stock per product (keyed by entity id), by the same rules as eligibility: legacy reads the
 * default stock item; multi-source inventory computes the salable quantity in the website's stock
 * with the sums and threshold the eligibility query tests, for the whole page at once.
 */
export async function selectStock(runner: QueryRunner, profile: ShopProfile, entityIds: number[]): Promise<Map<number, StockLevel>> {
  const stock = new Map<number, StockLevel>();
  if (entityIds.length === 0) return stock;
  if (profile.stock.source === 'legacy') {
    const rows: Array<{ product_id: number; qty: string | null; is_in_stock: number }> = await runner.query(
      `SELECT product_id, qty, is_in_stock FROM ${table(profile, 'cataloginventory_stock_item')}
        WHERE stock_id = 1 AND product_id IN (?)`,
      [entityIds],
    );
    for (const row of rows) {
      const qty = toUnits(row.qty);
      stock.set(Number(row.product_id), { qty, sellable: Number(row.is_in_stock) === 1 && qty > 0n });
    }
    return stock;
  }
  const { sql, params } = pageSalableQty(profile, entityIds);
  const rows: Array<{ entity_id: number; salable: string | null }> = await runner.query(sql, params);
  for (const row of rows) {
    const qty = toUnits(row.salable);
    stock.set(Number(row.entity_id), { qty, sellable: qty > 0n });
  }
  return stock;
}

/**
 * The salable quantity (see salableQty: the same sums and threshold) of a page's products in one
 * pass: the source items and reservations of the page's SKUs summed once each, grouped by SKU,
 * and joined to the products, rather than three dependent subqueries run again for every product.
 */
function pageSalableQty(profile: ShopProfile, entityIds: number[]): { sql: string; params: unknown[] } {
  if (profile.stock.source !== 'msi') throw new Error('pageSalableQty needs a multi-source inventory profile');
  const { stockId, sourceCodes, defaultMinQty } = profile.stock;
  const sql = new SqlBuilder();
  const t = (name: Parameters<typeof table>[1]) => table(profile, name);
  const pageSkus = () => `SELECT s.sku FROM ${t('catalog_product_entity')} s
                            WHERE s.entity_id IN (${sql.bind(entityIds)}) AND ${liveProductVersion(profile, 's')}`;
  // Placeholders bind in the order they are written: every fragment is built inside the template.
  const text = `
    SELECT p.entity_id,
           (${sourceCodes.length === 0 ? '0' : 'COALESCE(src.quantity, 0)'}
            + COALESCE(res.quantity, 0)
            - COALESCE(IF(m.use_config_min_qty = 0, m.min_qty, ${threshold(sql, defaultMinQty)}), ${threshold(sql, defaultMinQty)})) AS salable
      FROM ${t('catalog_product_entity')} p
      ${sourceCodes.length === 0 ? '' : `LEFT JOIN (SELECT isi.sku, SUM(isi.quantity) AS quantity FROM ${t('inventory_source_item')} isi
                   WHERE isi.status = 1 AND isi.source_code IN (${sql.bind(sourceCodes)}) AND isi.sku IN (${pageSkus()})
                   GROUP BY isi.sku) src ON src.sku = p.sku`}
      LEFT JOIN (SELECT r.sku, SUM(r.quantity) AS quantity FROM ${t('inventory_reservation')} r
                  WHERE r.stock_id = ${sql.bind(stockId)} AND r.sku IN (${pageSkus()})
                  GROUP BY r.sku) res ON res.sku = p.sku
      LEFT JOIN ${t('cataloginventory_stock_item')} m ON m.product_id = p.entity_id AND m.stock_id = 1
     WHERE p.entity_id IN (${sql.bind(entityIds)}) AND ${liveProductVersion(profile, 'p')}`;
  return { sql: text, params: sql.params };
}
