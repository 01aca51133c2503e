import { QueryRunner } from 'typeorm';
import { ImportedCounts, ImportedRow, RowUpdate, RowUpdateResult } from '../../domain/imported-row';
import { TurnBudget, mapInTurns } from '../event-loop-turns';
import { rewriteRows, rowContent, writeOrIsolate } from './product-columns';
import { refusedRow } from './refused-row';

/**
 * A statement rewrites at most this many rows: it is built in one turn of the event loop, which
 * stays short even before the code is optimized (as the import's writer, see ProductWriter).
 */
const ROWS_PER_STATEMENT = 100;

/**
 * A withdrawn row's content hash: it no longer holds what the shop sells, so whichever job next
 * writes the product (a refresh or an import) finds it changed and rewrites it whole.
 */
const WITHDRAWN_HASH = '';

/**
 * The refresh's reads and writes of Lookbook rows, inside the caller's transaction. One instance
 * serves one transaction: it remembers the content hashes of the rows it locked, so rows that are
 * already up to date are never sent back to the server.
 */
export class ImportedRows {
  private readonly lockedHashes = new Map<number, string>();

  constructor(private readonly runner: QueryRunner) {}

  /**
   * Keyset on source_id: the first `limit` rows after the last chunk, widened to the end of their
   * last source id. A plain read: it locks nothing, so a refresh holds no row while it asks the shop
   * about them. Both bounds are found first and passed as constants, so the read walks the
   * source_id index over the chunk only.
   */
  async readChunk(afterSourceId: number, limit: number): Promise<ImportedRow[]> {
    const [{ last }] = await this.runner.query(
      'SELECT MAX(source_id) AS last FROM (SELECT source_id FROM products WHERE source_id > ? ORDER BY source_id LIMIT ?) chunk',
      [afterSourceId, limit],
    );
    if (last === null) return [];
    const rows: Array<Record<string, any>> = await this.runner.query(
      `SELECT id, source_id, sku, in_stock, stock_qty, content_hash
         FROM products FORCE INDEX (ix_products_source_id)
        WHERE source_id > ? AND source_id <= ?
        ORDER BY source_id, id`,
      [afterSourceId, Number(last)],
    );
    return rows.map(toImportedRow);
  }

  /**
   * Locks the given rows by primary key until the transaction ends, and returns them as they are
   * now: the lock covers these rows and nothing else (no range, no gap), so an import or another
   * job's writes elsewhere in the table never wait for a refresh.
   */
  async lock(rowIds: number[]): Promise<ImportedRow[]> {
    if (rowIds.length === 0) return [];
    const rows: Array<Record<string, any>> = await this.runner.query(
      `SELECT id, source_id, sku, in_stock, stock_qty, content_hash
         FROM products
        WHERE id IN (?)
        ORDER BY source_id, id
          FOR UPDATE`,
      [rowIds],
    );
    for (const row of rows) this.lockedHashes.set(Number(row.id), row.content_hash);
    return rows.map(toImportedRow);
  }

  async withdraw(rowIds: number[]): Promise<void> {
    if (rowIds.length === 0) return;
    await this.runner.query('UPDATE products SET in_stock = 0, stock_qty = 0, content_hash = ?, updated_at = ? WHERE id IN (?)', [
      WITHDRAWN_HASH,
      new Date(),
      rowIds,
    ]);
  }

  async update(updates: RowUpdate[]): Promise<RowUpdateResult> {
    const budget = new TurnBudget();
    const hashed = await mapInTurns(updates, (update) => ({ ...update, ...rowContent(update.product) }), budget);
    const changed = hashed.filter(({ rowId, hash }) => this.lockedHashes.get(rowId) !== hash);
    const result: RowUpdateResult = { updated: 0, unchanged: hashed.length - changed.length, rejected: [] };
    const now = new Date();
    for (let i = 0; i < changed.length; i += ROWS_PER_STATEMENT) {
      if (budget.spent) await budget.nextTurn();
      const written = await writeOrIsolate(
        changed.slice(i, i + ROWS_PER_STATEMENT),
        async (some) => void (result.updated += await rewriteRows(this.runner, some, now)),
        ({ product }, error) => void result.rejected.push(refusedRow(product, error)),
      );
      // The statement's own hash test may still find a row equal (e.g. one this transaction did not lock).
      result.unchanged += written.length;
    }
    result.unchanged -= result.updated;
    return result;
  }

  async counts(): Promise<ImportedCounts> {
    const [row] = await this.runner.query(
      'SELECT COUNT(*) AS imported, COALESCE(SUM(in_stock), 0) AS on_sale, (SELECT COUNT(*) FROM product_import_owed) AS owed FROM products',
    );
    return { imported: Number(row.imported), onSale: Number(row.on_sale), owed: Number(row.owed) };
  }

  /** Walks the source_id index over the range only. */
  async countBetween(afterSourceId: number, upTo: number): Promise<number> {
    const [row] = await this.runner.query('SELECT COUNT(DISTINCT source_id) AS n FROM products WHERE source_id > ? AND source_id <= ?', [afterSourceId, upTo]);
    return Number(row.n);
  }
}

function toImportedRow(row: Record<string, any>): ImportedRow {
  return {
    id: Number(row.id),
    source_id: Number(row.source_id),
    sku: row.sku,
    in_stock: Number(row.in_stock) === 1,
    stock_qty: String(row.stock_qty),
  };
}
