import { QueryRunner } from 'typeorm';
import { toUnits } from './decimal';
import { SqlBuilder, salableQty } from './eligibility-sql';
import { ShopProfile, liveProductVersion, table } from './shop-profile';

export interface StockLevel {
  /** In millionths: the item's qty (legacy) or its salable quantity (multi-source inventory). */
  qty: bigint;
  /** Whether the shop would sell it: flagged in stock with qty > 0 (legacy), salable > 0 (msi). */
  sellable: boolean;
}

/**
 * The stock columns of the product row aliased `product` (read by stockLevelOf), and the join they
 * need: legacy, its default stock item; multi-source inventory, its salable quantity (salableQty).
 */
export function stockColumns(profile: ShopProfile, sql: SqlBuilder, product: string): { columns: string; join: string } {
  if (profile.stock.source === 'legacy') {
    return {
      columns: 'si.qty AS stock_qty, si.is_in_stock AS stock_flag',
      join: `LEFT JOIN ${table(profile, 'cataloginventory_stock_item')} si ON si.product_id = ${product}.entity_id AND si.stock_id = 1`,
    };
  }
  return { columns: `${salableQty(profile, sql, product)} AS stock_qty, 1 AS stock_flag`, join: '' };
}

/** A row's stock columns as a stock level; null without a stock item (legacy). */
export function stockLevelOf(profile: ShopProfile, row: { stock_qty: string | null; stock_flag: number | string | null }): StockLevel | null {
  if (row.stock_flag === null) return null;
  const qty = toUnits(row.stock_qty);
  return { qty, sellable: (profile.stock.source !== 'legacy' || Number(row.stock_flag) === 1) && qty > 0n };
}

/**
 * Stock per product (keyed by entity id), by the same rules as eligibility: legacy reads the
 * default stock item; multi-source inventory computes the salable quantity in the website's stock
 * with the very expression the eligibility query tests.
 */
export async function selectStock(runner: QueryRunner, profile: ShopProfile, entityIds: number[]): Promise<Map<number, StockLevel>> {
  const stock = new Map<number, StockLevel>();
  if (entityIds.length === 0) return stock;
  const sql = new SqlBuilder();
  const { columns, join } = stockColumns(profile, sql, 'p');
  const text = `SELECT p.entity_id, ${columns}
                  FROM ${table(profile, 'catalog_product_entity')} p
                  ${join}
                 WHERE p.entity_id IN (${sql.bind(entityIds)}) AND ${liveProductVersion(profile, 'p')}`;
  const rows: Array<{ entity_id: number; stock_qty: string | null; stock_flag: number | string | null }> = await runner.query(text, sql.params);
  for (const row of rows) {
    const level = stockLevelOf(profile, row);
    if (level) stock.set(Number(row.entity_id), level);
  }
  return stock;
}
