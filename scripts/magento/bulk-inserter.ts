import type { Connection } from 'mysql2/promise';

/** The columns each product-side table is written with; the rest keep Magento's defaults. */
export const WRITABLE_COLUMNS = {
  catalog_product_entity: ['entity_id', 'attribute_set_id', 'type_id', 'sku', 'has_options', 'required_options', 'created_at', 'updated_at'],
  catalog_product_entity_int: ['attribute_id', 'store_id', 'entity_id', 'value'],
  catalog_product_entity_varchar: ['attribute_id', 'store_id', 'entity_id', 'value'],
  catalog_product_entity_decimal: ['attribute_id', 'store_id', 'entity_id', 'value'],
  catalog_product_entity_text: ['attribute_id', 'store_id', 'entity_id', 'value'],
  catalog_product_entity_datetime: ['attribute_id', 'store_id', 'entity_id', 'value'],
  cataloginventory_stock_item: ['product_id', 'stock_id', 'qty', 'is_in_stock', 'manage_stock', 'website_id'],
  inventory_source_item: ['source_code', 'sku', 'quantity', 'status'],
  catalog_product_super_attribute: ['product_id', 'attribute_id', 'position'],
  catalog_product_super_link: ['product_id', 'parent_id'],
  catalog_product_relation: ['parent_id', 'child_id'],
  catalog_category_product: ['category_id', 'product_id', 'position'],
} as const;

export type WritableTable = keyof typeof WRITABLE_COLUMNS;
export type SqlValue = string | number | null;

/**
 * Buffers rows per table and writes them as multi-row INSERTs, which is what makes seeding
 * hundreds of thousands of products take seconds instead of minutes. Tables are always flushed
 * in the same order, so AUTO_INCREMENT ids come out the same on every run.
 */
export class BulkInserter {
  private readonly buffers = new Map<WritableTable, SqlValue[][]>();

  constructor(
    private readonly conn: Connection,
    private readonly rowsPerStatement = 5_000,
  ) {}

  add(table: WritableTable, row: SqlValue[]): void {
    const buffer = this.buffers.get(table);
    if (buffer) buffer.push(row);
    else this.buffers.set(table, [row]);
  }

  /** Writes the tables that have at least one full statement's worth of rows waiting. */
  async flushFullTables(): Promise<void> {
    for (const table of Object.keys(WRITABLE_COLUMNS) as WritableTable[]) {
      if ((this.buffers.get(table)?.length ?? 0) >= this.rowsPerStatement) await this.flushTable(table);
    }
  }

  async flushAll(): Promise<void> {
    for (const table of Object.keys(WRITABLE_COLUMNS) as WritableTable[]) await this.flushTable(table);
  }

  private async flushTable(table: WritableTable): Promise<void> {
    const rows = this.buffers.get(table);
    if (!rows || rows.length === 0) return;
    this.buffers.delete(table);
    const columns = WRITABLE_COLUMNS[table].join(', ');
    for (let start = 0; start < rows.length; start += this.rowsPerStatement) {
      await this.conn.query(`INSERT INTO ${table} (${columns}) VALUES ?`, [rows.slice(start, start + this.rowsPerStatement)]);
    }
  }
}
