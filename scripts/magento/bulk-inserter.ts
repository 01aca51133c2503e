import type { Connection } from 'mysql2/promise';
import { MagentoShape } from './schema';

/** The product-side tables in the order they are flushed (fixed, so AUTO_INCREMENT ids repeat). */
const WRITABLE_TABLES = [
  'sequence_product',
  'catalog_product_entity',
  'catalog_product_entity_int',
  'catalog_product_entity_varchar',
  'catalog_product_entity_decimal',
  'catalog_product_entity_text',
  'catalog_product_entity_datetime',
  'catalog_product_website',
  'cataloginventory_stock_item',
  'inventory_source_item',
  'inventory_reservation',
  'catalog_product_super_attribute',
  'catalog_product_super_link',
  'catalog_product_relation',
  'catalog_category_product',
] as const;

export type WritableTable = (typeof WRITABLE_TABLES)[number];
export type SqlValue = string | number | null;

/**
 * The columns each product-side table is written with, in the order rows give them; the rest
 * keep Magento's defaults. Only the link column's name differs between editions, never a position.
 */
export function writableColumns(shape: MagentoShape): Record<WritableTable, readonly string[]> {
  const link = shape.linkField;
  const eav = ['attribute_id', 'store_id', link, 'value'];
  const entity = ['attribute_set_id', 'type_id', 'sku', 'has_options', 'required_options', 'created_at', 'updated_at'];
  return {
    sequence_product: ['sequence_value'],
    catalog_product_entity: shape.staged ? ['row_id', 'entity_id', 'created_in', 'updated_in', ...entity] : ['entity_id', ...entity],
    catalog_product_entity_int: eav,
    catalog_product_entity_varchar: eav,
    catalog_product_entity_decimal: eav,
    catalog_product_entity_text: eav,
    catalog_product_entity_datetime: eav,
    catalog_product_website: ['product_id', 'website_id'],
    cataloginventory_stock_item: ['product_id', 'stock_id', 'qty', 'is_in_stock', 'manage_stock', 'website_id', 'min_qty', 'use_config_min_qty'],
    inventory_source_item: ['source_code', 'sku', 'quantity', 'status'],
    inventory_reservation: ['stock_id', 'sku', 'quantity', 'metadata'],
    catalog_product_super_attribute: ['product_id', 'attribute_id', 'position'],
    catalog_product_super_link: ['product_id', 'parent_id'],
    catalog_product_relation: ['parent_id', 'child_id'],
    catalog_category_product: ['category_id', 'product_id', 'position'],
  };
}

/**
 * Buffers rows per table and writes them as multi-row INSERTs, which is what makes seeding
 * hundreds of thousands of products take seconds instead of minutes. Tables are always flushed
 * in the same order, so AUTO_INCREMENT ids come out the same on every run.
 */
export class BulkInserter {
  private readonly buffers = new Map<WritableTable, SqlValue[][]>();
  private readonly columns: Record<WritableTable, readonly string[]>;

  constructor(
    private readonly conn: Connection,
    readonly shape: MagentoShape = new MagentoShape(),
    private readonly rowsPerStatement = 5_000,
  ) {
    this.columns = writableColumns(shape);
  }

  add(table: WritableTable, row: SqlValue[]): void {
    const buffer = this.buffers.get(table);
    if (buffer) buffer.push(row);
    else this.buffers.set(table, [row]);
  }

  /** Writes the tables that have at least one full statement's worth of rows waiting. */
  async flushFullTables(): Promise<void> {
    for (const table of WRITABLE_TABLES) {
      if ((this.buffers.get(table)?.length ?? 0) >= this.rowsPerStatement) await this.flushTable(table);
    }
  }

  async flushAll(): Promise<void> {
    for (const table of WRITABLE_TABLES) await this.flushTable(table);
  }

  private async flushTable(table: WritableTable): Promise<void> {
    const rows = this.buffers.get(table);
    if (!rows || rows.length === 0) return;
    this.buffers.delete(table);
    const columns = this.columns[table].join(', ');
    for (let start = 0; start < rows.length; start += this.rowsPerStatement) {
      await this.conn.query(`INSERT INTO ${this.shape.table(table)} (${columns}) VALUES ?`, [rows.slice(start, start + this.rowsPerStatement)]);
    }
  }
}
