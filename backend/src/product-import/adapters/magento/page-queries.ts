import { QueryRunner } from 'typeorm';
import { StockSource } from '../../../config/app-config';
import type { AttributeMeta } from './magento-metadata';
import type { SourceRow } from './product-mapper';

// One set-based query per function, each for a whole page of products at once.

/** entity id → attribute id → value, already resolved for the store (its row, else the admin row). */
export type ScopedValues = Map<number, Map<number, string | null>>;

/** The EAV value tables the reader reads (datetime and static attributes are not imported). */
const VALUE_TABLES = ['int', 'varchar', 'decimal', 'text'];

/** Which attributes to read for which products; an attribute the shop lacks is undefined. */
export interface ValueRequest {
  entityIds: number[];
  attributes: Array<AttributeMeta | undefined>;
}

/**
 * The values of every request, from every EAV value table, in one statement (a UNION ALL of one
 * SELECT per table and request): a page's values cost one round trip, not one per table.
 */
export async function selectScopedValues(runner: QueryRunner, requests: ValueRequest[], storeId: number): Promise<ScopedValues> {
  const selects: string[] = [];
  const params: unknown[] = [];
  for (const { entityIds, attributes } of requests) {
    for (const table of VALUE_TABLES) {
      const ids = [...new Set(attributes.filter((a) => a?.backendType === table).map((a) => a!.id))];
      if (entityIds.length === 0 || ids.length === 0) continue;
      // "+ 0" keeps the optimizer on the entity_id prefix of the unique key: with all three IN
      // lists it builds one index range per id × attribute × store (~4,000 a page), which costs
      // more than reading the rows (measured 7.6 ms → 2.2 ms per query on a page of 1,000).
      selects.push(
        `SELECT entity_id, attribute_id, store_id, value
           FROM catalog_product_entity_${table}
          WHERE entity_id IN (?) AND attribute_id + 0 IN (?) AND store_id + 0 IN (0, ?)`,
      );
      params.push(entityIds, ids, storeId);
    }
  }
  const values: ScopedValues = new Map();
  if (selects.length === 0) return values;
  // The tables' value types differ; the union reads them all as strings where they mix.
  const rows: Array<{ entity_id: number; attribute_id: number; store_id: number; value: string | number | null }> = await runner.query(
    selects.join('\n UNION ALL\n'),
    params,
  );
  for (const row of rows) {
    const entityId = Number(row.entity_id);
    const attributes = values.get(entityId) ?? new Map<number, string | null>();
    values.set(entityId, attributes);
    // The store view's own row wins over the admin (store 0) row, even when its value is NULL.
    if (Number(row.store_id) === storeId || !attributes.has(Number(row.attribute_id))) {
      attributes.set(Number(row.attribute_id), row.value === null ? null : String(row.value));
    }
  }
  return values;
}

/** The products' own rows, in entity_id order. */
export async function selectProductRows(runner: QueryRunner, entityIds: number[]): Promise<SourceRow[]> {
  return runner.query(
    `SELECT entity_id, type_id, sku, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s') AS created_at
       FROM catalog_product_entity
      WHERE entity_id IN (?)
      ORDER BY entity_id`,
    [entityIds],
  );
}

export interface ChildLink {
  parentId: number;
  childId: number;
  childSku: string | null;
}

/** The simple children of the given configurable products. */
export async function selectChildLinks(runner: QueryRunner, parentIds: number[]): Promise<ChildLink[]> {
  if (parentIds.length === 0) return [];
  const rows: Array<{ parent_id: number; product_id: number; sku: string | null }> = await runner.query(
    `SELECT l.parent_id, l.product_id, c.sku
       FROM catalog_product_super_link l
       JOIN catalog_product_entity c ON c.entity_id = l.product_id
      WHERE l.parent_id IN (?)
      ORDER BY l.parent_id, l.product_id`,
    [parentIds],
  );
  return rows.map((r) => ({ parentId: Number(r.parent_id), childId: Number(r.product_id), childSku: r.sku }));
}

export interface StockLevel {
  qty: string | null;
  isInStock: boolean;
}

/**
 * Stock per product: legacy reads the default stock (stock_id 1) item; msi adds up the quantity of
 * the SKU's in-stock source items. Keyed by entity id either way.
 */
export async function selectStock(
  runner: QueryRunner,
  source: StockSource,
  products: Array<{ id: number; sku: string | null }>,
): Promise<Map<number, StockLevel>> {
  const stock = new Map<number, StockLevel>();
  if (products.length === 0) return stock;
  if (source === 'legacy') {
    const rows: Array<{ product_id: number; qty: string | null; is_in_stock: number }> = await runner.query(
      `SELECT product_id, qty, is_in_stock FROM cataloginventory_stock_item
        WHERE stock_id = 1 AND product_id IN (?)`,
      [products.map((p) => p.id)],
    );
    for (const row of rows) stock.set(Number(row.product_id), { qty: row.qty, isInStock: Number(row.is_in_stock) === 1 });
    return stock;
  }
  const skus = [...new Set(products.map((p) => p.sku).filter((s): s is string => !!s))];
  if (skus.length === 0) return stock;
  const rows: Array<{ sku: string; qty: string | null }> = await runner.query(
    `SELECT sku, SUM(quantity) AS qty FROM inventory_source_item
      WHERE status = 1 AND sku IN (?) GROUP BY sku`,
    [skus],
  );
  const bySku = new Map(rows.map((r) => [r.sku, r.qty]));
  for (const product of products) {
    if (!product.sku || !bySku.has(product.sku)) continue;
    stock.set(product.id, { qty: bySku.get(product.sku) ?? null, isInStock: true });
  }
  return stock;
}

export interface OptionLabel {
  label: string;
  sortOrder: number;
}

/** Labels of the given option ids for the store (its label, else the admin label), with sort order. */
export async function selectOptionLabels(runner: QueryRunner, optionIds: number[], storeId: number): Promise<Map<number, OptionLabel>> {
  const labels = new Map<number, OptionLabel & { fromStore: boolean }>();
  if (optionIds.length === 0) return labels;
  const rows: Array<{ option_id: number; sort_order: number; store_id: number; value: string | null }> = await runner.query(
    `SELECT o.option_id, o.sort_order, v.store_id, v.value
       FROM eav_attribute_option o
       JOIN eav_attribute_option_value v ON v.option_id = o.option_id AND v.store_id IN (0, ?)
      WHERE o.option_id IN (?)
      ORDER BY v.value_id`,
    [storeId, optionIds],
  );
  for (const row of rows) {
    if (row.value === null) continue;
    const fromStore = Number(row.store_id) === storeId;
    const current = labels.get(Number(row.option_id));
    if (current && (current.fromStore || !fromStore)) continue;
    labels.set(Number(row.option_id), { label: row.value, sortOrder: Number(row.sort_order), fromStore });
  }
  return labels;
}
